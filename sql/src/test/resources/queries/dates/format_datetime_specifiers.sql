SELECT formatDateTime(toDateTime('2024-03-05 07:08:09'), '%Y|%m|%d|%H|%M|%S|%j|%u|%w|%y|%e|%F|%T|%D|%R');
