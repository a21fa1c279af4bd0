-- motcua upgrade 0.1 -> 0.2, assembled from extension/sql/updates/0.1--0.2/*.sql
-- (the schema changes, each concern in its own file) followed by every
-- re-runnable definition of 0.2 (extension/sql/install/*.defs.sql).
-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION motcua UPDATE TO '0.2'" to load this file. \quit
