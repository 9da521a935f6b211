# A thin front over Meson. `make` builds build/pmm; `make check` runs every
# test, in a normal build and under AddressSanitizer + UBSan; `make demo`
# loads the demo edition. Each target first installs what is missing.

BUILD := build
ASAN := build-asan
PMM := $(BUILD)/pmm

.PHONY: all deps build asan check test demo bench fuzz clean

all: build

deps:
	@./scripts/install-deps.sh

$(BUILD)/build.ninja:
	meson setup $(BUILD)

# The sanitizer build is compiled by clang, the normal one by gcc, so that
# every check compiles the code with both compilers' warnings as errors
# (make fuzz builds with clang too).
$(ASAN)/build.ninja:
	CC=clang meson setup $(ASAN) -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dc_args=-fno-sanitize-recover=all

build: deps $(BUILD)/build.ninja
	ninja -C $(BUILD)
	@ln -sf src/pmm $(PMM)

asan: deps $(ASAN)/build.ninja
	ninja -C $(ASAN)

# Tests print one closing line "N passed, N failed" for the whole run.
check: build asan
	@./scripts/run-tests.sh $(BUILD) $(ASAN)

test: check

demo: build
	rm -f demo.db demo.db-wal demo.db-shm
	$(PMM) --db demo.db demo
	$(PMM) --db demo.db report --edition 2024
	$(PMM) --db demo.db report --edition 2024 --format html -o informe-2024.html
	$(PMM) --db demo.db report --edition 2024 --format pdf -o informe-2024.pdf
	$(PMM) --db demo.db compendio --edition 2024 --format pdf -o compendio-2024.pdf
	$(PMM) --db demo.db serve --listen 127.0.0.1 --port 8080

clean:
	rm -rf $(BUILD) $(ASAN)

# make fuzz: the libFuzzer targets of tests/fuzz, built by clang with
# ASan+UBSan in build-fuzz/, each run for FUZZ_SECONDS; every crashing
# input is written to tests/fuzz/regress/, which `make check` replays.
FUZZ := build-fuzz
FUZZ_SECONDS ?= 600

$(FUZZ)/build.ninja:
	CC=clang meson setup $(FUZZ) -Dfuzz=true -Dbuildtype=debugoptimized \
	  -Db_sanitize=address,undefined -Db_lundef=false \
	  -Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=all'

fuzz: deps $(FUZZ)/build.ninja
	ninja -C $(FUZZ) -j2
	@./scripts/run-fuzz.sh $(FUZZ) $(FUZZ_SECONDS)

# make bench: the figures of docs/performance.md and docs/reliability.md:
# import and figures of 1 000 000 actions against the sqlite3 shell, the
# report and compendio, the web platform against nginx, 200 clients for
# 60 s, and the long crash test. Figures are printed, not asserted.
bench: build
	@./bench/run.sh $(BUILD)
	python3 bench/bench_report.py $(BUILD)/src/pmm
	python3 bench/bench_pdf.py $(BUILD)/src/pmm    # issue 12: PDF and DOCX, the whole command
	sh bench/bench_web.sh $(BUILD)/pmm 10
	PMM=$(CURDIR)/$(BUILD)/pmm python3 bench/load_web.py --clients 200 --seconds 60
	PMM=$(CURDIR)/$(BUILD)/pmm PMM_GEN=$(CURDIR)/$(BUILD)/bench/gen python3 bench/bench_downloads.py   # issue 15: big downloads
	PMM=$(CURDIR)/$(BUILD)/pmm PMM_GEN=$(CURDIR)/$(BUILD)/bench/gen PMM_LONG=1 \
	  python3 tests/cli/test_crash_import.py
