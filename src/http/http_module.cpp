namespace retorno::http_module {
int placeholder() { return 0; }
}  // namespace retorno::http_module
