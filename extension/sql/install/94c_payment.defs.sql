-- Payments of fees and charges with electronic receipts [biên lai điện
-- tử], and refunds.  Each is a dossier event (payment_received, refund:
-- motcua.transition keeps the dossier's paid amount) and a row of
-- motcua.payment with a receipt number unique per unit and year: the
-- unit's counter row for the year is locked for the number, so two
-- payments at once get two numbers, and a payment rolled back gives its
-- number back.

-- next_number: the next number of a unit's kind of book (receipt,
-- certification) for the year of at (Vietnam's time), formatted
-- unit/year/seven digits, or unit/prefix/year/seven digits.
CREATE OR REPLACE FUNCTION motcua_internal.next_number(unit motcua.unit_id, kind text, at timestamptz, prefix text DEFAULT NULL,
													   OUT year smallint, OUT seq integer, OUT number text)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
BEGIN
	year := extract(year FROM motcua.local_time(at, motcua_internal.calendar_of_unit(unit)))::smallint;
	INSERT INTO motcua_internal.unit_year_counter AS c (unit, kind, year, last_seq) VALUES (unit, kind, year, 1)
	ON CONFLICT ON CONSTRAINT unit_year_counter_pkey DO UPDATE SET last_seq = c.last_seq + 1
	RETURNING c.last_seq INTO seq;
	number := concat_ws('/', unit::text, prefix, year::text, lpad(seq::text, 7, '0'));
END
$$;

-- require_payment_amount refuses an amount that is not a whole, positive
-- number of đồng.
CREATE OR REPLACE FUNCTION motcua_internal.require_payment_amount(amount numeric) RETURNS void
LANGUAGE plpgsql IMMUTABLE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
	IF amount IS NULL OR amount = 'NaN' OR amount <= 0 OR amount <> trunc(amount) OR amount >= 1e14 THEN
		RAISE EXCEPTION 'an amount must be a whole number of đồng above zero, not %', coalesce(amount::text, 'NULL')
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
END
$$;

-- record_payment: a fee or charge paid for a dossier, online or at the
-- counter; returns its electronic receipt number.
CREATE OR REPLACE FUNCTION motcua.record_payment(dossier motcua.dossier_code, amount numeric, method text,
												 at timestamptz DEFAULT NULL)
	RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	r record;
	paid_at timestamptz;
BEGIN
	IF dossier IS NULL OR method IS NULL THEN
		RAISE EXCEPTION 'record_payment needs a dossier, an amount and a method' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_payment_amount(amount);
	PERFORM motcua_internal.require_term('payment_method', method, 'payment method');
	paid_at := motcua_internal.event_time(at, NULL, 'the payment time (at)');
	r := motcua_internal.next_number(motcua.unit_of(dossier), 'receipt', paid_at);
	PERFORM motcua.transition(dossier, 'payment_received', NULL,
							  jsonb_build_object('amount', amount, 'method', method, 'receipt_no', r.number,
												 'at', paid_at));
	INSERT INTO motcua.payment (dossier, unit, receipt_year, receipt_seq, receipt_no, kind, amount, method, paid_at)
	VALUES (dossier, motcua.unit_of(dossier), r.year, r.seq, r.number, 'payment', amount, method, paid_at);
	RETURN r.number;
END
$$;
COMMENT ON FUNCTION motcua.record_payment(motcua.dossier_code, numeric, text, timestamptz) IS
	'record a fee or charge paid for a dossier (online or offline) as a dossier event and return its electronic receipt number, unique per unit and year';

-- refund_payment: money given back on a payment (part or all of it, once
-- or in several refunds, never more than was paid); returns the refund's
-- own receipt number.
CREATE OR REPLACE FUNCTION motcua.refund_payment(payment bigint, amount numeric, reason text,
												 at timestamptz DEFAULT NULL)
	RETURNS text
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
#variable_conflict use_variable
DECLARE
	p motcua.payment;
	refunded numeric;
	r record;
	paid_at timestamptz;
BEGIN
	IF payment IS NULL OR reason IS NULL OR reason = '' THEN
		RAISE EXCEPTION 'refund_payment needs a payment, an amount and a reason' USING ERRCODE = 'null_value_not_allowed';
	END IF;
	PERFORM motcua_internal.require_payment_amount(amount);
	PERFORM motcua_internal.require_length(reason, 2000, 'reason');
	SELECT * INTO p FROM motcua.payment x WHERE x.id = payment AND x.kind = 'payment' FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'payment % does not exist', payment USING ERRCODE = 'undefined_object';
	END IF;
	PERFORM motcua_internal.require_unit_access(
		ARRAY[p.unit, (SELECT d.current_unit FROM motcua.dossier d
					   WHERE d.code OPERATOR(motcua.=) p.dossier AND d.received_on = motcua.received_on(p.dossier))],
		'refund a payment of dossier ' || p.dossier);
	SELECT coalesce(sum(x.amount), 0) INTO refunded FROM motcua.payment x WHERE x.refund_of = p.id;
	IF amount > p.amount - refunded THEN
		RAISE EXCEPTION 'a refund of % is more than the % left of payment %', amount, p.amount - refunded, p.receipt_no
			USING ERRCODE = 'invalid_parameter_value';
	END IF;
	paid_at := motcua_internal.event_time(at, p.paid_at, 'the refund time (at)');
	r := motcua_internal.next_number(p.unit, 'receipt', paid_at);
	PERFORM motcua.transition(p.dossier, 'refund', NULL,
							  jsonb_build_object('amount', amount, 'method', p.method, 'reason', reason,
												 'receipt_no', r.number, 'refund_of', p.receipt_no, 'at', paid_at));
	INSERT INTO motcua.payment (dossier, unit, receipt_year, receipt_seq, receipt_no, kind, refund_of, amount, method,
								paid_at, reason)
	VALUES (p.dossier, p.unit, r.year, r.seq, r.number, 'refund', p.id, amount, p.method, paid_at, reason);
	RETURN r.number;
END
$$;
COMMENT ON FUNCTION motcua.refund_payment(bigint, numeric, text, timestamptz) IS
	'give back part or all of a payment, as a dossier event with its own receipt number; never more than is left of the payment';

-- Who reads payments: the officers of the dossier's units, the auditor,
-- the administrator and BI (no personal data in a row).
SELECT motcua_internal.protect_rows('payment', motcua_internal.dossier_rule('payment'), 'motcua_auditor, motcua_admin, motcua_bi');

REVOKE ALL ON FUNCTION motcua_internal.next_number(motcua.unit_id, text, timestamptz, text),
	motcua_internal.require_payment_amount(numeric),
	motcua.record_payment(motcua.dossier_code, numeric, text, timestamptz),
	motcua.refund_payment(bigint, numeric, text, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION motcua.record_payment(motcua.dossier_code, numeric, text, timestamptz),
	motcua.refund_payment(bigint, numeric, text, timestamptz) TO motcua_officer, motcua_admin;
GRANT SELECT ON motcua.payment TO motcua_officer, motcua_auditor, motcua_admin, motcua_bi;
