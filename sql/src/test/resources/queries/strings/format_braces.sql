SELECT format('{{}} {} {{x}}', 'v');
