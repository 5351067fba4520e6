# The two set-up commands: `make run` and `make test`. Each first installs the Debian packages that are
# missing (apt-get as root, sudo otherwise, nothing when all are present), then builds.
SHELL    := /bin/bash
SWIFT    ?= swift
CONFIG   ?= release
BIN       = .build/$(CONFIG)
PACKAGES  = libhdf5-dev hdf5-tools pkg-config python3-h5py
# pdflatex with PGFPlots (texlive-pictures) and booktabs (texlive-latex-recommended) compiles the
# exported figures and tables; headless Chromium renders the HTML report (Tests/NashReportTests).
TEST_PACKAGES = texlive-latex-base texlive-latex-recommended texlive-pictures chromium

.PHONY: all deps test-deps build run test bench bench-peers clean
all: build

deps:
	@./.ci/install-packages $(PACKAGES)

test-deps: deps
	@./.ci/install-packages $(TEST_PACKAGES)

build: deps
	$(SWIFT) build -c $(CONFIG)

# Trains the quick-start scenario (a cache hit when its run file is complete), writes its HTML report,
# and says where both are.
run: build
	$(BIN)/nash run scenarios/quickstart.swift
	$(BIN)/nash export results/quickstart --format html --out results/quickstart/report
	@echo "run file: $$(ls -t results/quickstart/*/seed-1.h5 | head -1)"
	@echo "report:   $$(ls -t results/quickstart/report/*.html | head -1)"

# One build of everything, tests included (the end-to-end tests run the `nash` binary it makes),
# then the suite without rebuilding.
# The log is also kept in .build/test.log; when a test fails, the failing tests' lines are printed
# again at the end, where a CI log's tail shows them.
test: test-deps
	$(SWIFT) build -c $(CONFIG) --build-tests
	@set -o pipefail; $(SWIFT) test -c $(CONFIG) --skip-build --disable-xctest 2>&1 | tee .build/test.log; \
	status=$$?; \
	if [ $$status -ne 0 ]; then \
	  echo "== failed (from .build/test.log) =="; \
	  grep -a '✘' .build/test.log | grep -av '✘ Suite' | cut -c1-400 | tail -n 40; \
	fi; \
	exit $$status

bench: build
	$(BIN)/nash-bench

# Nash beside PyTorch and JAX on the GAN protocol of bench/README.md: a virtualenv in bench/.venv with
# CPU PyTorch (its own index when reachable, else PyPI) and jax[cpu], then bench/peers/run_all.py, which
# prints Nash ÷ peer and records bench/latest.json and a dated section of bench/RESULTS.md.
# Options pass through PEERS_ARGS, e.g. `make bench-peers PEERS_ARGS="--config small --seconds 5"`.
VENV       = bench/.venv
PEERS_ARGS ?=
bench-peers: deps
	$(SWIFT) build -c $(CONFIG) --product nash-bench
	@test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	@$(VENV)/bin/python -c "import torch" 2>/dev/null \
	  || $(VENV)/bin/pip install torch --index-url https://download.pytorch.org/whl/cpu \
	  || $(VENV)/bin/pip install torch
	@$(VENV)/bin/python -c "import jax" 2>/dev/null || $(VENV)/bin/pip install "jax[cpu]"
	$(VENV)/bin/python bench/peers/run_all.py --nash-bench $(BIN)/nash-bench $(PEERS_ARGS)

clean:
	rm -rf .build
