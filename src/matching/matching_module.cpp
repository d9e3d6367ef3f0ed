// Placeholder so that the module library exists before its first source file; remove it when
// the module has one.
namespace retorno::matching_module {
int placeholder() { return 0; }
}  // namespace retorno::matching_module
