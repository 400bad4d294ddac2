SELECT tryBase64Decode('!!'), tryBase64Decode('YWJj');
