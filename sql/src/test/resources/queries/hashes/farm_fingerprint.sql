SELECT farmFingerprint64('Amazon Redshift'), farmFingerprint64('alphabet'), farmFingerprint64('');
