SELECT extractAll('a1b22c333', '\\d+'), extractAll('k=v, x=y', '(\\w)=');
