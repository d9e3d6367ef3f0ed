# The two commands of the README:
#   make run    install what is missing, build the release binary, create data/ with demo data
#               on first start, and serve on http://127.0.0.1:8080
#   make test   install what is missing, build with sanitizers and run every test
.PHONY: run test deps release format bench-api bench-store bench-matching bench-web clean

DATA ?= data
LISTEN ?= 127.0.0.1:8080

run: deps release
	build/release/retorno init --data "$(DATA)" --demo
	build/release/retorno serve --data "$(DATA)" --listen "$(LISTEN)"

test: deps
	scripts/run-tests

deps:
	scripts/install-deps

release:
	cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DRETORNO_TESTS=OFF >/dev/null
	ninja -C build/release retorno

# The benchmarks (docs/performance.md); each builds a Release tree and prints its table.
bench-api:
	bench/api/run
bench-store:
	bench/store/run
bench-matching:
	bench/matching/run.sh
bench-web:
	bench/web/run

format:
	clang-format -i $$(git ls-files '*.cpp' '*.h')

clean:
	rm -rf build
