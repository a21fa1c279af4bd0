-- 0.2: the sample data leaves the install script for the companion
-- extension motcua_sample (CREATE EXTENSION motcua_sample; then
-- SELECT * FROM motcua.load_sample_data(); as before).  Rows loaded
-- earlier stay: they are the installation's data.
DROP FUNCTION motcua.load_sample_data();
