-- make demo: one week of a one-stop unit, driven through motcua's public
-- functions by that unit's own officer login (tools/demo.sh runs
-- demo_sim.simulate_week as each unit's login, week after week).
--
-- The patterns follow ONE-STOP.md §5 and the Quảng Ninh plan (KH 140/2021):
-- online filings rise from about a quarter to about half over the year
-- (Bến Tre started its campaign at 29%), digitization at the counter is
-- highest at the province center and lowest in the communes (Bến Tre:
-- 51.9% province, 13.6% district), online payment grows from a few percent
-- (Bến Tre's 4.31%) towards the plan's 30%, about 4% of dossiers are late, a
-- few are still open and overdue, people come back (so their earlier
-- results and national records are reused), visitors wait about ten
-- minutes at the counter.  Nothing here writes a table of motcua: every
-- row comes from receive, transition, supply_component, record_payment,
-- issue_ticket and the other public functions, as the unit's officer.

-- pick returns one element of a non-empty array at random
CREATE OR REPLACE FUNCTION demo_sim.pick(a anyarray) RETURNS anyelement
LANGUAGE sql VOLATILE AS $$ SELECT a[1 + floor(random() * array_length(a, 1))::int] $$;

-- person returns the personal ID of person k of the province's pool: born
-- in Quảng Ninh (022), century and sex from k, a year of birth that makes an
-- adult
-- (PL/pgSQL: called with a random argument, an SQL function would not be
-- inlined and would be planned again at every call)
CREATE OR REPLACE FUNCTION demo_sim.person(k integer) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
	RETURN '022' || (k % 2)::text || lpad((40 + (k / 2) % 60)::text, 2, '0') || lpad((k % 1000000)::text, 6, '0');
END
$$;

-- simulate_week receives n dossiers at unit during the week starting at
-- week_start (its working days only) and takes each as far as the week's
-- patterns say: payments, components, processing, results, ratings, queue
-- tickets at the centers.  Each dossier is its own transaction, as at a
-- real counter (two officers' long transactions creating the same new
-- person would deadlock); made says how many were received.
DROP FUNCTION IF EXISTS demo_sim.simulate_week(motcua.unit_id, date, integer, double precision);
CREATE OR REPLACE PROCEDURE demo_sim.simulate_week(unit motcua.unit_id, week_start date, n integer, seed double precision,
												   INOUT made integer DEFAULT 0)
LANGUAGE plpgsql AS $$
#variable_conflict use_variable
DECLARE
	tier integer;
	procs motcua.procedure_code[];
	days date[];
	progress double precision;		-- 0 in January, 1 in December
	p_online double precision;
	p_digitize double precision;
	p_pay_online double precision;
	i integer;
	pr record;
	pick motcua.procedure_code;
	code motcua.dossier_code;
	ch text;
	at timestamptz;
	received timestamptz;
	promised timestamptz;
	finished timestamptz;
	ticket bigint;
	comp record;
	fee_method text;
	late boolean;
	details jsonb;
BEGIN
	PERFORM setseed(seed);
	SELECT u.tier INTO tier FROM motcua.unit u WHERE u.id OPERATOR(motcua.=) unit;
	-- the procedures of the unit's tier, the province's own and the national ones
	SELECT array_agg(p.code ORDER BY p.code) INTO procs FROM motcua.procedure p
	WHERE p.active AND p.tier = CASE tier WHEN 1 THEN 'province' WHEN 2 THEN 'district' ELSE 'commune' END
	  AND (motcua.local_unit(p.code) IS NULL OR motcua.local_unit(p.code)::text LIKE '%H22');
	SELECT array_agg(d::date) INTO days FROM generate_series(week_start, week_start + 6, '1 day') d
	WHERE motcua.is_working_day(d::date, 'VN') AND d::date <= current_date
	  AND extract(year FROM d) = extract(year FROM week_start);	-- (the year's last week ends on 31/12)
	IF days IS NULL OR procs IS NULL OR n <= 0 THEN
		RETURN;
	END IF;
	progress := least(1, greatest(0, (week_start - date_trunc('year', week_start)::date) / 365.0));
	p_online := 0.24 + 0.24 * progress;
	p_digitize := CASE tier WHEN 1 THEN 0.50 WHEN 2 THEN 0.25 ELSE 0.12 END + 0.30 * progress;
	p_pay_online := 0.05 + 0.30 * progress;

	made := 0;
	FOR i IN 1 .. n LOOP
		IF i > 1 THEN
			COMMIT;
		END IF;
		code := NULL;
		pick := demo_sim.pick(procs);
		SELECT p.code, p.fee, p.online_level, p.duration_unit, p.result_document_type INTO pr
		FROM motcua.procedure p WHERE p.code OPERATOR(motcua.=) pick;
		ch := CASE WHEN pr.online_level <> 'none' AND random() < p_online THEN 'online'
				   WHEN random() < 0.03 THEN 'postal' ELSE 'direct' END;
		received := (demo_sim.pick(days) + time '07:30' + random() * interval '9 hours') AT TIME ZONE 'Asia/Ho_Chi_Minh';
		details := CASE WHEN ch = 'online' THEN jsonb_build_object('filing',
					   CASE WHEN random() < 0.80 THEN 'self' WHEN random() < 0.6 THEN 'kiosk' ELSE 'assisted' END)
					   ELSE '{}' END;
		-- a visitor at a center takes a queue ticket first and waits for a counter
		ticket := NULL;
		IF ch = 'direct' AND tier < 3 THEN
			at := received - (2 + least(60, -ln(1 - random()) * 9)) * interval '1 minute';
			ticket := motcua.issue_ticket(unit, CASE WHEN random() < 0.05 THEN 'elderly' ELSE 'none' END, NULL, at);
			PERFORM motcua.call_ticket(ticket, 'Q' || (1 + floor(random() * 6))::int, received - interval '2 minutes');
			PERFORM motcua.serve_ticket(ticket, received - interval '1 minute');
		END IF;
		-- two visits in three come from someone who came before
		code := motcua.receive(pr.code, demo_sim.person((random() * CASE WHEN random() < 0.66 THEN 20000 ELSE 400000 END)::int),
							   unit, ch, received, details);
		made := made + 1;
		at := received + interval '3 minutes';
		IF ticket IS NOT NULL THEN
			PERFORM motcua.finish_ticket(ticket, code, at);
		END IF;
		-- the fee, at the counter or online
		IF pr.fee > 0 THEN
			fee_method := CASE WHEN ch = 'online' AND random() < p_pay_online * 2 THEN 'online' ELSE 'offline' END;
			PERFORM motcua.record_payment(code, pr.fee, fee_method, at);
		END IF;
		-- what the state did not already hold: uploaded, digitized or on paper
		FOR comp IN SELECT c.ordinal FROM motcua.dossier_component c
					WHERE c.dossier OPERATOR(motcua.=) code AND c.supplied_by IS NULL ORDER BY c.ordinal LOOP
			IF ch = 'online' THEN
				PERFORM motcua.supply_component(code, comp.ordinal, 'uploaded_online',
												convert_to(code::text || '/' || comp.ordinal, 'UTF8'), NULL, NULL, at);
			ELSIF random() < p_digitize THEN
				PERFORM motcua.supply_component(code, comp.ordinal, 'digitized_at_counter',
												convert_to(code::text || '/' || comp.ordinal, 'UTF8'), NULL, NULL, at);
			ELSE
				PERFORM motcua.supply_component(code, comp.ordinal, 'paper', NULL, NULL, NULL, at);
			END IF;
		END LOOP;
		at := at + interval '10 minutes';
		PERFORM motcua.transition(code, 'accept', NULL, jsonb_build_object('at', at));
		-- (what is returned the same day or within hours the front desk
		-- settles itself; the rest goes to a specialist)
		IF pr.duration_unit = 'working_day' THEN
			at := at + interval '1 hour';
			PERFORM motcua.transition(code, 'assign', NULL, jsonb_build_object('at', at, 'officer', 'cv.' || (1 + floor(random() * 4))::int));
		END IF;
		SELECT d.promised_at INTO promised FROM motcua.dossier d
		WHERE d.code OPERATOR(motcua.=) code AND d.received_on = motcua.received_on(code);
		-- one in twenty needs a supplement: the clock stops for a day or two
		IF random() < 0.05 AND pr.duration_unit = 'working_day' THEN
			at := at + interval '2 hours';
			PERFORM motcua.transition(code, 'request_supplement', NULL,
									  jsonb_build_object('at', at, 'reason', 'thiếu bản sao giấy tờ'));
			at := at + (1 + random()) * interval '1 day';
			PERFORM motcua.transition(code, 'supplement_received', NULL, jsonb_build_object('at', at));
			SELECT d.promised_at INTO promised FROM motcua.dossier d
			WHERE d.code OPERATOR(motcua.=) code AND d.received_on = motcua.received_on(code);
		END IF;
		-- four in a thousand are still open (overdue by now)
		CONTINUE WHEN random() < 0.004;
		late := random() < 0.04;
		finished := CASE WHEN late THEN promised + (0.2 + random() * 4) * interval '1 day'
						 ELSE at + (promised - at) * (0.15 + random() * 0.8) END;
		finished := least(greatest(finished, at + interval '5 minutes'), now() - interval '1 hour');
		PERFORM motcua.transition(code, 'complete', NULL, jsonb_build_object('at', finished, 'esigned', random() < 0.7,
			'results', CASE WHEN pr.result_document_type IS NULL THEN '[]'::jsonb
							ELSE jsonb_build_array(jsonb_build_object('document_type', pr.result_document_type)) END));
		at := least(finished + random() * interval '1 day', now() - interval '30 minutes');
		PERFORM motcua.transition(code, 'return_result', NULL, jsonb_build_object('at', at,
			'channel', CASE WHEN ch = 'online' AND random() < 0.5 THEN 'online' ELSE 'direct' END));
		-- one person in five rates the service
		IF random() < 0.2 THEN
			-- (1 rất hài lòng, 2 hài lòng, 3 chưa hài lòng, 4 không hài lòng)
			PERFORM motcua.rate(code, CASE WHEN random() < 0.6 THEN 1 WHEN random() < 0.85 THEN 2 WHEN random() < 0.7 THEN 3 ELSE 4 END,
								CASE WHEN ch = 'online' THEN 'online' ELSE 'kiosk' END, NULL, NULL,
								least(at + interval '10 minutes', now() - interval '1 minute'));
		END IF;
	END LOOP;
END
$$;
GRANT EXECUTE ON PROCEDURE demo_sim.simulate_week(motcua.unit_id, date, integer, double precision, integer) TO motcua_officer;

-- take_lane waits for one of lanes places to simulate in, and holds it
-- (session-level advisory locks) until free_lane: on two cores, two
-- officers at work at once get through the year sooner than fifteen that
-- take turns on the processors.  Two officers of one unit never work at
-- once: each dossier's transaction holds the unit's counters (dossier
-- numbers, receipts, queue tickets) until it commits, so the second would
-- only wait with a lane held.
CREATE OR REPLACE FUNCTION demo_sim.take_lane(lanes integer, unit text) RETURNS integer
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
	lane integer;
BEGIN
	PERFORM pg_advisory_lock(20251230, hashtext(unit));
	FOR lane IN 0 .. lanes - 1 LOOP
		IF pg_try_advisory_lock(20251231, lane) THEN
			RETURN lane;
		END IF;
	END LOOP;
	lane := floor(random() * lanes)::integer;
	PERFORM pg_advisory_lock(20251231, lane);
	RETURN lane;
END
$$;
-- free_lane gives both back (each unlock is done, whatever the other says)
CREATE OR REPLACE FUNCTION demo_sim.free_lane(lane integer, unit text) RETURNS boolean
LANGUAGE sql VOLATILE AS $$
	SELECT bool_and(freed) FROM (VALUES (pg_advisory_unlock(20251231, lane)),
										(pg_advisory_unlock(20251230, hashtext(unit)))) v(freed)
$$;
GRANT EXECUTE ON FUNCTION demo_sim.take_lane(integer, text), demo_sim.free_lane(integer, text) TO motcua_officer;
