namespace retorno::service_module {
int placeholder() { return 0; }
}  // namespace retorno::service_module
