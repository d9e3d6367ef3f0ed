#include <cstdio>

int main() {
    std::puts("retorno " RETORNO_VERSION);
    return 0;
}
