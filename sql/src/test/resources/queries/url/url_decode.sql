SELECT decodeURLComponent('a%20b%2Fc'), decodeURLComponent('%D0%BF'), pathFull('http://x.com/a/b?c=1#d'), queryStringAndFragment('http://x.com/a?c=1#d');
