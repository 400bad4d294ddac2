SELECT roundToExp2(0), roundToExp2(1), roundToExp2(17), roundToExp2(1024), roundToExp2(3.5);
