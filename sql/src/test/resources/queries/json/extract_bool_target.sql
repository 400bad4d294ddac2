SELECT JSONExtract('{"passed": true}', 'passed', 'UInt8'), JSONExtract('{"passed": false}', 'passed', 'UInt8');
