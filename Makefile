# Thin wrapper: CMake builds, ctest tests. See README.md.
BUILD ?= build
JOBS ?= $(shell nproc)

.PHONY: cv test build deps deps-test format clean

cv: deps build
	./$(BUILD)/cvpress build cv.yaml -o out

test: deps-test build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

deps:
	scripts/install-deps.sh build

deps-test:
	scripts/install-deps.sh test

format:
	clang-format -i $$(git ls-files -co --exclude-standard '*.cpp' '*.h')

clean:
	rm -rf $(BUILD) out
