EXTENSION = motcua motcua_sample
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" motcua.control)

MODULE_big = motcua
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard extension/*.c workers/*.c)))
# The version before this one: its install script is frozen, and this
# version's upgrade script from it is built.  Scripts of released versions
# are never edited.
PREVVERSION = 0.1
DATA_built = extension/sql/motcua--$(EXTVERSION).sql extension/sql/motcua--$(PREVVERSION)--$(EXTVERSION).sql \
	extension/sql/motcua_sample--$(EXTVERSION).sql
DATA = $(filter-out $(DATA_built),$(wildcard extension/sql/motcua--*.sql)) $(wildcard extension/sql/motcua--*.control)
PG_CPPFLAGS = -Iextension
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
SHLIB_LINK = -lcurl -lssl -lcrypto -lm

# make installcheck (against a running server: PGHOST, PGPORT, PGUSER):
# pg_regress and isolation suites through PGXS, then pgTAP and the
# integration scripts (tools/installcheck.sh)
REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=unaccent --load-extension=pg_trgm --load-extension=motcua --load-extension=motcua_sample
ISOLATION = $(patsubst tests/isolation/specs/%.spec,%,$(sort $(wildcard tests/isolation/specs/*.spec)))
ISOLATION_OPTS = --inputdir=tests/isolation --load-extension=unaccent --load-extension=pg_trgm --load-extension=motcua --load-extension=motcua_sample

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
installcheck: installcheck-tap
else
all install installcheck:
	@echo "PostgreSQL 15 server headers not found: 'make test' or 'make demo' install them (tools/bootstrap.sh)" >&2; exit 1
endif

# The install script is assembled from ordered parts, one concern each,
# run-once DDL (*.ddl.sql) and re-runnable definitions (*.defs.sql); the
# upgrade script is this version's schema changes, then every definition.
# (rebuilt every time, so that a part removed or renamed is noticed)
extension/sql/motcua--$(EXTVERSION).sql: $(sort $(wildcard extension/sql/install/*.sql)) FORCE
	cat $(filter-out FORCE,$^) > $@
# the companion extension with the sample reference data
extension/sql/motcua_sample--$(EXTVERSION).sql: extension/sql/sample/load_sample_data.sql FORCE
	cat $(filter-out FORCE,$^) > $@
UPDATES = extension/sql/updates/$(PREVVERSION)--$(EXTVERSION)
# (update steps numbered 50 and above need the new definitions: they run after them)
extension/sql/motcua--$(PREVVERSION)--$(EXTVERSION).sql: $(sort $(wildcard $(UPDATES)/[0-4]*.sql)) \
		$(sort $(wildcard extension/sql/install/*.defs.sql)) $(sort $(wildcard $(UPDATES)/[5-9]*.sql)) FORCE
	cat $(filter-out FORCE,$^) > $@

# docs/architecture.svg is drawn from its source with graphviz
docs: docs/architecture.svg
docs/architecture.svg: docs/architecture.dot
	dot -Tsvg $< -o $@

.PHONY: bootstrap test demo bench soak fuzz docs installcheck-tap FORCE
FORCE:
installcheck-tap:
	tools/installcheck.sh
bootstrap:
	tools/bootstrap.sh
test demo: bootstrap
	tools/$@.sh
fuzz: bootstrap
	tools/fuzz.sh
bench: bootstrap
	bench/run.sh
soak: bootstrap
	tools/soak.sh
