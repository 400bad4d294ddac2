SELECT URLHierarchy('https://example.com/browse/CONV-6788'), URLPathHierarchy('https://example.com/browse/CONV-6788');
SELECT URLHierarchy('http://example.com//a//b?c=1#d'), URLPathHierarchy('http://example.com//a//b?c=1#d');
SELECT URLHierarchy('https://example.com'), URLPathHierarchy('https://example.com'), URLHierarchy('example.com/a'), URLHierarchy(''), URLHierarchy('http://localhost:3000/page')[1];
SELECT decodeURLComponent('http://127.0.0.1:8123/?query=SELECT%201%3B'), decodeURLComponent('100%'), decodeURLComponent('%zz%4'), decodeURLComponent('a+b%C3%A9'), decodeURLFormComponent('a+b%20c');
SELECT encodeURLComponent('http://127.0.0.1:8123/?query=SELECT 1;'), encodeURLComponent('a-b_c.d~e é'), encodeURLFormComponent('a b&c'), decodeURLComponent(encodeURLComponent('x/y?z=1 2'));
