SELECT initcap('hello wORLD foo-bar 1st');
