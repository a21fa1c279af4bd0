EXTENSION = motcua
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" motcua.control)

MODULE_big = motcua
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard extension/*.c workers/*.c)))
DATA = $(wildcard extension/sql/motcua--*--*.sql)
DATA_built = extension/sql/motcua--$(EXTVERSION).sql
PG_CPPFLAGS = -Iextension
PG_CFLAGS = -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers
SHLIB_LINK = -lcurl -lssl -lcrypto -lm

REGRESS = $(patsubst sql/%.sql,%,$(sort $(wildcard sql/*.sql)))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

PG_CONFIG ?= $(firstword $(wildcard /usr/lib/postgresql/15/bin/pg_config) pg_config)
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck: bootstrap
	$(MAKE) $@
endif

# The install script is assembled from ordered parts, one concern each.
extension/sql/motcua--$(EXTVERSION).sql: $(sort $(wildcard extension/sql/install/*.sql))
	cat $^ > $@

.PHONY: bootstrap test demo bench fuzz
bootstrap:
	tools/bootstrap.sh
test demo: bootstrap
	tools/$@.sh
fuzz: bootstrap
	tools/fuzz.sh
bench: bootstrap
	bench/run.sh
