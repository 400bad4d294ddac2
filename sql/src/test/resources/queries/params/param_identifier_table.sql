-- param_t=events_empty
SELECT count() FROM {t:Identifier};
