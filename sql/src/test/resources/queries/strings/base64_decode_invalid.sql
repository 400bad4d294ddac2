-- error: INCORRECT_DATA
SELECT base64Decode('!!not base64!!');
