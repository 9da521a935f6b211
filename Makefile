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

$(ASAN)/build.ninja:
	meson setup $(ASAN) -Dbuildtype=debug -Db_sanitize=address,undefined -Db_lundef=false \
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
	$(PMM) --db demo.db serve --listen 127.0.0.1 --port 8080

clean:
	rm -rf $(BUILD) $(ASAN)
