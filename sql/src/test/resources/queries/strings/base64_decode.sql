SELECT base64Decode('aGVsbG8='), base64Decode(''), base64Decode(base64Encode('round trip'));
