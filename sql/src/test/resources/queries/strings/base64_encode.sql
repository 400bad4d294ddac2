SELECT base64Encode('hello'), base64Encode(''), base64Encode('ClickHouse'), base64Encode('a');
