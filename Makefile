# Terrain: set-up, build and tests. On a fresh Debian or Ubuntu machine `make run` and
# `make test` install everything they need first (`make deps`); both are safe to repeat.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := run

export PATH := $(HOME)/.cargo/bin:$(PATH)

SUDO := $(if $(filter 0,$(shell id -u)),,sudo)
APP := target/debug/terrain-app

# Tauri's WebKitGTK stack, then what the tests and screenshots use.
APT_PACKAGES := libwebkit2gtk-4.1-dev libgtk-3-dev libayatana-appindicator3-dev librsvg2-dev \
	libsoup-3.0-dev libjavascriptcoregtk-4.1-dev libxdo-dev build-essential pkg-config file \
	libssl-dev curl ca-certificates \
	fonts-dejavu-core xvfb xauth webkit2gtk-driver imagemagick xdotool sqlite3

# Vite 7 needs Node 20.19 or later.
NODE_MAJOR_MIN := 20

# The steps of `make test`, in order; each is a target below.
TEST_STEPS := lint audit cargo-test crash-test fuzz-short ui-test e2e

.PHONY: deps system-deps rust-deps node-deps ui app e2e-app run test lint audit cargo-test \
	crash-test reliability ui-test e2e fuzz-short fuzz bench bindings screenshot clean

# Kills per action: a short run in `make test`, a long one in `make reliability`.
CRASH_TRIALS ?= 20
RELIABILITY_TRIALS ?= 250
CRASH_TEST = cargo test -p terrain-cli --test crash_safety -- --ignored --nocapture

CARGO_DENY_VERSION := 0.20.2

FUZZ_TARGETS := csv_reader workbook_reader values
FUZZ_SECONDS ?= 600
FUZZ_SHORT_SECONDS ?= 40
FUZZ_TIMEOUT ?= 10
FUZZ_RSS_MB ?= 2048
FUZZ_FLAGS := --sanitizer none --debug-assertions

# Builds the fuzz targets, then runs each for $(1) seconds and prints how many inputs it ran.
# The fuzz crate is its own workspace; its lockfile is the root one, so it fuzzes the versions
# the app ships.
define fuzz_run
	@if [ ! -f fuzz/Cargo.lock ] || [ Cargo.lock -nt fuzz/Cargo.lock ]; then \
		cp Cargo.lock fuzz/Cargo.lock; \
	fi
	cargo fuzz build $(FUZZ_FLAGS)
	@mkdir -p fuzz/logs; failed=""; \
	for target in $(FUZZ_TARGETS); do \
		mkdir -p fuzz/corpus/$$target; log=fuzz/logs/$$target.log; \
		if cargo fuzz run $(FUZZ_FLAGS) $$target fuzz/corpus/$$target fuzz/seeds/$$target \
			crates/terrain-sheets/tests/data -- -max_total_time=$(1) -timeout=$(FUZZ_TIMEOUT) \
			-rss_limit_mb=$(FUZZ_RSS_MB) >"$$log" 2>&1; then \
			echo "$$target: $$(grep -o 'Done [0-9]* runs in [0-9]* second(s)' "$$log"), nothing found"; \
		else \
			grep -m1 -A30 -E 'panicked at|memory allocation of|ERROR: libFuzzer' "$$log" \
				| grep -v '^ *at /rustc' || tail -n 20 "$$log"; \
			grep -A2 'Reproduce with' "$$log" || true; failed="$$failed $$target"; \
			echo "$$target: FAILED, see $$log and the input in fuzz/artifacts/$$target/"; \
		fi; \
	done; \
	if [ -n "$$failed" ]; then echo "fuzzing found problems in:$$failed"; exit 1; fi
endef

## Set-up ------------------------------------------------------------------------------------

deps: system-deps rust-deps node-deps

system-deps:
	@missing=""; \
	for package in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "install ok installed" \
			|| missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "==> installing system packages:$$missing"; \
		$(SUDO) apt-get update; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends $$missing; \
	fi
	@if ! node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= $(NODE_MAJOR_MIN) ? 0 : 1)' \
		2>/dev/null; then \
		echo "==> installing Node.js from the distribution"; \
		$(SUDO) apt-get update; \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y --no-install-recommends nodejs npm; \
		node -e 'process.exit(Number(process.versions.node.split(".")[0]) >= $(NODE_MAJOR_MIN) ? 0 : 1)' \
			|| { echo "Node.js $(NODE_MAJOR_MIN) or later is needed and this distribution has an older one;" \
			"install it from https://nodejs.org or NodeSource, then run make again" >&2; exit 1; }; \
	fi

rust-deps:
	@if ! command -v cargo >/dev/null; then \
		echo "==> installing Rust with rustup"; \
		curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal \
			--component clippy,rustfmt; \
	fi
	@# tauri-driver 3 is an alpha; the 2.x line is what WebdriverIO is tested against here.
	@if ! command -v tauri-driver >/dev/null || ! cargo install --list | grep -q '^tauri-driver v2\.'; then \
		echo "==> installing tauri-driver 2"; \
		cargo install tauri-driver --version '^2' --locked; \
	fi
	@# Takes about half a minute; 0.13 is the line whose flags build on stable Rust (see fuzz:).
	@if ! command -v cargo-fuzz >/dev/null; then \
		echo "==> installing cargo-fuzz"; \
		cargo install cargo-fuzz --version '^0.13' --locked; \
	fi
	@# Pinned: the version deny.toml is written for, and one that builds with Rust 1.88 or later.
	@if ! cargo install --list | grep -q '^cargo-deny v$(CARGO_DENY_VERSION):'; then \
		echo "==> installing cargo-deny $(CARGO_DENY_VERSION)"; \
		cargo install cargo-deny --version '=$(CARGO_DENY_VERSION)' --locked; \
	fi

node-deps:
	@if [ ! -f package-lock.json ]; then \
		echo "==> npm install (no lockfile yet)"; npm install --no-audit --no-fund; \
	elif [ ! -f node_modules/.package-lock.json ] \
		|| [ package-lock.json -nt node_modules/.package-lock.json ]; then \
		echo "==> npm ci"; npm ci --no-audit --no-fund; \
	fi
	@# Until tests/e2e is one of the root's npm workspaces, it keeps its own node_modules.
	@if ! node -e 'process.exit((require("./package.json").workspaces ?? []).includes("tests/e2e") ? 0 : 1)'; then \
		if [ ! -f tests/e2e/node_modules/.package-lock.json ] \
			|| [ tests/e2e/package.json -nt tests/e2e/node_modules/.package-lock.json ]; then \
			echo "==> npm install in tests/e2e"; npm install --prefix tests/e2e --no-audit --no-fund; \
		fi; \
	fi

## Build and run ------------------------------------------------------------------------------

ui: node-deps
	npm run ui:build

# `tauri build` runs the UI build first and embeds it in the binary; a plain `cargo build`
# binary would load the dev server instead.
app: deps
	npx tauri build --debug --no-bundle

e2e-app: app

run: app
	./$(APP)

## Tests --------------------------------------------------------------------------------------

test: deps
	@failed=""; summary=""; started=$$(date +%s); \
	for step in $(TEST_STEPS); do \
		echo; echo "==> $$step"; step_start=$$(date +%s); \
		if $(MAKE) --no-print-directory $$step; then result="ok"; else result="FAILED"; failed="$$failed $$step"; fi; \
		summary="$$summary$$(printf '  %-12s %-7s %4ss' "$$step" "$$result" "$$(( $$(date +%s) - step_start ))")\n"; \
	done; \
	echo; echo "==> summary ($$(( $$(date +%s) - started ))s)"; printf "$$summary"; \
	if [ -n "$$failed" ]; then echo "failed:$$failed"; exit 1; fi; \
	echo "all passed"

lint: node-deps
	cargo fmt --all --check
	cargo clippy --workspace --all-targets -- -D warnings
	npm run ui:check
	npm run ui:lint
	npm run check --prefix tests/e2e
	rustfmt --edition 2021 --check fuzz/fuzz_targets/*.rs

# Licences, bans and sources of the crates (deny.toml), and known vulnerabilities of the crates
# and of the npm packages the app ships; a vulnerability database this machine cannot reach is
# reported as SKIPPED (see tests/audit.sh).
audit: rust-deps node-deps
	tests/audit.sh

cargo-test:
	cargo test --workspace

# `terrain` killed with SIGKILL at random moments of an import, an activation, a review
# applied, an undo and a schema migration (crates/terrain-cli/tests/crash_safety.rs): each
# workspace must pass its integrity check and hold exactly its contents from before or after
# the action, and an import run again must add nothing twice. The debug build cargo-test
# made is the one killed; TERRAIN_CRASH_SEED=N replays a run.
crash-test:
	TERRAIN_CRASH_TRIALS=$(CRASH_TRIALS) $(CRASH_TEST)

reliability:
	TERRAIN_CRASH_TRIALS=$(RELIABILITY_TRIALS) $(CRASH_TEST)

ui-test: node-deps
	@if [ -f ui/package.json ]; then npm run ui:test; else echo "no ui/ yet: skipped"; fi

# A short run of each fuzz target; `make fuzz` below says what they are.
fuzz-short: rust-deps
	$(call fuzz_run,$(FUZZ_SHORT_SECONDS))

# Starts its own Xvfb and tauri-driver (tests/e2e/wdio.conf.ts); screenshots of each step go
# to tests/e2e/artifacts/.
e2e: e2e-app
	npm test --prefix tests/e2e

## Other --------------------------------------------------------------------------------------

# The benchmarks (crates/terrain/benches): scoring, assignment, import and the drag-and-drop
# move at 10k and 100k accounts, and the soak (10,000 drags and undos on 100k accounts, with
# memory growth and drag p95 against their bars). The desktop shell has none, and would only
# add a release build of Tauri.
bench:
	cargo bench --workspace --exclude terrain-app

# The fuzz targets in fuzz/ (cargo-fuzz, libFuzzer): the text reader (decoding, delimiter,
# CSV, headers, kinds, records), the XLSX, XLS and ODS reader (the guards, calamine, then the
# same mapping) and the value parsers, FUZZ_SECONDS each. They build on stable Rust because
# they ask for no sanitizer, the one part of cargo-fuzz that needs nightly flags; Terrain's
# crates forbid unsafe code, so a sanitizer would only watch the dependencies. Each run starts
# from fuzz/seeds/ and the test fixtures, grows fuzz/corpus/, and fails on a panic, a hang over
# FUZZ_TIMEOUT seconds or more than FUZZ_RSS_MB of memory, leaving the input in
# fuzz/artifacts/ and the report in fuzz/logs/.
fuzz: rust-deps
	$(call fuzz_run,$(FUZZ_SECONDS))

# The expensive part of the bad-files corpus (crates/terrain/tests/bad_files.rs), in release:
# a million rows of CSV and of XLSX, 16,384 columns by 500 rows, a 100 MiB shared string,
# 120 MiB of unpacked zeros. Each file must be imported with a report or refused with a
# reason naming it, with no panic and the process's peak memory (VmHWM) under 512 MB; it
# prints the counts and the peak. The quick majority of the corpus runs in cargo-test.
.PHONY: bad-files-large
bad-files-large:
	cargo test --release -p terrain --test bad_files -- --ignored --nocapture --test-threads=1

reliability: bad-files-large

# Regenerates ui/src/api/bindings.ts from the Rust view types.
bindings:
	UPDATE_BINDINGS=1 cargo test -p terrain bindings

# A fresh docs/screenshot.png of the demo workspace, taken under Xvfb.
screenshot: app
	tests/e2e/screenshot.sh docs/screenshot.png

clean:
	cargo clean
	rm -rf ui/dist tests/e2e/artifacts
