SELECT length(toValidUTF8(unhex('61FF62'))), toValidUTF8(unhex('61FFFE62')) = concat('a', unhex('EFBFBD'), 'b'), toValidUTF8('abc');
