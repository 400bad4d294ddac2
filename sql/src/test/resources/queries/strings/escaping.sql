SELECT 'it''s', 'it\'s', 'tab\there', 'line\nbreak', 'back\\slash';
