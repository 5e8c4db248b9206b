# minka — GNU Make + pkg-config. Two commands matter:
#   make run     install the Debian packages, build, seed minka.db, serve on :8080
#   make check   install, build (warnings are errors; also ASan/UBSan), run every test
# BUILD=release (default) or BUILD=asan selects the build directory and flags.

BUILD ?= release
CC ?= cc
OUT := build/$(BUILD)
GEN := build/gen

PKGS := libmicrohttpd sqlite3 libpq jansson libsodium gmp libutf8proc libcmark xlsxwriter
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)

WARN := -Wall -Wextra -Werror -Wshadow -Wformat=2 -Wstrict-prototypes -Wmissing-prototypes \
        -Wvla -Wpointer-arith -Wundef -Wno-missing-field-initializers
CPPFLAGS_ALL := -Isrc -I$(GEN) -DMINKA_DATA_DIR=\"$(CURDIR)/data\" $(PKG_CFLAGS)
ifeq ($(BUILD),asan)
  OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
else
  OPT := -O2 -g -D_FORTIFY_SOURCE=2 -fstack-protector-strong
endif
CFLAGS_ALL := -std=c17 $(WARN) $(OPT) $(CFLAGS)
LDLIBS_ALL := $(PKG_LIBS) -lhpdf -lpthread -lm $(LDLIBS)

LIB_SRC := $(sort $(wildcard src/core/*.c src/store/*.c src/rules/*.c src/domain/*.c src/web/*.c src/cli/*.c))
LIB_OBJ := $(LIB_SRC:%.c=$(OUT)/obj/%.o) $(OUT)/obj/gen/assets.o
ASSETS := $(sort $(wildcard web/templates/*.html web/static/* po/*.po src/store/migrations/*.sql))
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(OUT)/tests/%)

.SECONDARY:
.PHONY: all deps run check tests fuzz bench clean distclean
all: $(OUT)/minka

deps:
	@scripts/deps.sh

$(GEN)/assets.c: build/tools/embed $(ASSETS)
	@mkdir -p $(GEN)
	@echo "  EMBED $@"
	@build/tools/embed $@ $(foreach f,$(ASSETS),$(patsubst web/%,%,$(patsubst src/store/%,%,$(f)))=$(f))

build/tools/embed: tools/embed.c
	@mkdir -p build/tools
	$(CC) -O1 -o $@ $<

$(OUT)/obj/gen/assets.o: $(GEN)/assets.c
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS_ALL) -Wno-missing-prototypes $(CPPFLAGS_ALL) -c -o $@ $<

$(OUT)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC $<"
	@$(CC) $(CFLAGS_ALL) $(CPPFLAGS_ALL) -MMD -MP -c -o $@ $<

$(OUT)/libminka.a: $(LIB_OBJ)
	@rm -f $@
	@ar rcs $@ $^

$(OUT)/minka: $(OUT)/obj/src/main.o $(OUT)/libminka.a
	@echo "  LD $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(OUT)/tests/%: $(OUT)/obj/tests/unit/%.o $(OUT)/obj/tests/unit/runner.o $(OUT)/libminka.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

$(OUT)/tests/http_runner: $(OUT)/obj/tests/http/runner.o $(OUT)/libminka.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

BENCH_SRC := $(sort $(wildcard bench/bench_*.c))
BENCH_BIN := $(BENCH_SRC:bench/%.c=$(OUT)/bench/%)
$(OUT)/bench/%: $(OUT)/obj/bench/%.o $(OUT)/libminka.a
	@mkdir -p $(dir $@)
	@echo "  LD $@"
	@$(CC) $(CFLAGS_ALL) -o $@ $^ $(LDLIBS_ALL)

tests: $(OUT)/minka $(UNIT_BIN) $(OUT)/tests/http_runner $(BENCH_BIN)

run: deps
	@$(MAKE) --no-print-directory all
	@test -f minka.db || $(OUT)/minka init --demo --db minka.db
	$(OUT)/minka serve --db minka.db --port 8080

# DB=sqlite|pg|all selects the backends the suite runs against.
check:
	@scripts/check.sh $(DB)

fuzz:
	@scripts/fuzz.sh build

bench: all
	@bench/http.sh

clean:
	rm -rf build

distclean: clean
	rm -f minka.db minka.db-wal minka.db-shm

-include $(shell find build -name '*.d' 2>/dev/null)
