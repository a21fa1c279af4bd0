-- motcua install script, assembled from extension/sql/install/*.sql: run-once
-- DDL (*.ddl.sql) and re-runnable definitions (*.defs.sql), in file order.
-- complain if script is sourced in psql, rather than via CREATE EXTENSION
\echo Use "CREATE EXTENSION motcua" to load this file. \quit

COMMENT ON SCHEMA motcua IS 'motcua: engine of the one-stop shop for administrative procedures [cơ chế một cửa]';
