SELECT reverse('abc'), reverse(''), reverse('a');
