SELECT toFloat64('inf'), toFloat64('-inf'), toFloat64('nan'), toFloat32('1e-3');
