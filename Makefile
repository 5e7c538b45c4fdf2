# advsim — common tasks. `make test` is the README's test command.
SWIFT ?= swift
RELEASE_BIN := .build/release/advsim
SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)

.PHONY: build release test run bench notebooks clean gsl

build:
	$(SWIFT) build

# The optimised binary (full LTO and profile-guided optimisation; a few minutes): see
# scripts/build/release.sh. `swift build -c release` gives a plain release build at the same path.
release: gsl
	SWIFT=$(SWIFT) bash scripts/build/release.sh

# Install GSL when missing (Debian/Ubuntu), then run the whole test suite.
test: gsl
	$(SWIFT) test

# Build and run the default scenario.
run: release
	$(RELEASE_BIN) run amm-arbitrage

gsl:
	@pkg-config --exists gsl 2>/dev/null || { \
	  echo "installing libgsl-dev (GSL) with apt-get"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq libgsl-dev pkg-config; }

# Benchmarks: release build, figures printed as tables; see BENCHMARKS.md.
bench: release
	bash scripts/bench/run-all.sh $(RELEASE_BIN)

# Run a small batch, execute the notebooks in notebooks-export/ headless against it and export
# them as HTML there (a local virtual environment from PyPI: pandas, matplotlib, nbclient).
notebooks: release
	bash scripts/notebooks/run.sh $(RELEASE_BIN)

clean:
	rm -rf .build
