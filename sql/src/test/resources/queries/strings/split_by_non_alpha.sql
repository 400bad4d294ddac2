SELECT splitByNonAlpha('  1.  2, three;four  ');
