'use strict';
// The dashboard's figures, read from motcua's KPI views by a login of
// motcua_bi.  Every number is passed on as the text PostgreSQL prints
// (numeric and bigint stay exact); the page formats it for people and keeps
// the text in data-value attributes for tests and scrapers.

const { Pool } = require('pg');

// Every session runs as motcua_bi itself (not with whatever else the login
// may hold), read-only, in Vietnam's time zone.
const SESSION_OPTIONS = [
	'-c role=motcua_bi',
	'-c default_transaction_read_only=on',
	'-c timezone=Asia/Ho_Chi_Minh',
	'-c search_path=motcua,public',
	'-c statement_timeout=60000',
	'-c application_name=motcua_dashboard',
].join(' ');

// The plan indicators the "targets" panel shows, with the motcua.kpi
// column that measures each (component_reuse_rate is no plan indicator:
// shown without a target).
const PLAN_INDICATORS = [
	['online_rate', 'online_rate'],
	['dossier_digitization_rate', 'digitized_dossier_rate'],
	['component_digitization_rate', 'component_digitization_rate'],
	['not_reprovided_rate', 'not_reprovided_rate'],
	['component_reuse_rate', 'component_reuse_rate'],
	['online_payment_rate', 'online_payment_rate'],
	['esigned_result_rate', 'esigned_result_rate'],
];

function makePool(env) {
	if (!env.DASHBOARD_USER || !env.DASHBOARD_DB) {
		throw new Error('DASHBOARD_USER and DASHBOARD_DB must be set');
	}
	return new Pool({
		user: env.DASHBOARD_USER,
		database: env.DASHBOARD_DB,
		// host, port and password come from PGHOST, PGPORT, PGPASSWORD
		max: 4,
		idleTimeoutMillis: 30000,
		options: SESSION_OPTIONS,
	});
}

// checkRole refuses a login that is a superuser or not a member of
// motcua_bi: the dashboard must show what a BI user may read, no more.
async function checkRole(env) {
	const { Client } = require('pg');
	const c = new Client({ user: env.DASHBOARD_USER, database: env.DASHBOARD_DB });
	await c.connect();
	try {
		const r = await c.query(`SELECT r.rolsuper AS super,
				pg_has_role(current_user, 'motcua_bi', 'MEMBER') AS bi
			FROM pg_roles r WHERE r.rolname = current_user`);
		const row = r.rows[0];
		if (row.super) {
			throw new Error(`role ${env.DASHBOARD_USER} is a superuser: the dashboard logs in as a member of motcua_bi only`);
		}
		if (!row.bi) {
			throw new Error(`role ${env.DASHBOARD_USER} is not a member of motcua_bi (GRANT motcua_bi TO ${env.DASHBOARD_USER})`);
		}
	} finally {
		await c.end();
	}
}

// params: the period and jurisdiction asked for, checked; defaults are the
// current year (Vietnam time; last year in January; the latest year with
// dossiers when that one has none) and the jurisdiction
// with most dossiers in it.
async function resolveParams(db, query) {
	// (the year of the last month begun before this one: in January, last
	// year's full figures rather than a few days of the new year)
	const today = (await db.query(`SELECT motcua.local_time(now())::date::text AS today,
			extract(year FROM motcua.local_time(now()) - interval '1 month')::int AS year,
			date_trunc('week', motcua.local_time(now()))::date::text AS week`)).rows[0];
	// (or the latest year before it with dossiers, as in a demo of a past year)
	let year = (await db.query(`SELECT coalesce(max(extract(year FROM period_start))::int, $1) AS year
			FROM motcua.kpi WHERE period_kind = 'y' AND received > 0 AND period_start <= make_date($1, 1, 1)`,
	[today.year])).rows[0].year;
	if (query.year !== undefined && query.year !== '') {
		if (!/^\d{4}$/.test(query.year) || +query.year < 2000 || +query.year > 2100) {
			throw Object.assign(new Error('year must be 2000 to 2100'), { status: 400 });
		}
		year = +query.year;
	}
	const jur = (await db.query(`SELECT j.code, j.name, u.id::text AS root, u.name AS root_name, coalesce(k.received, 0)::text AS received
			FROM motcua.jurisdiction j
			JOIN motcua.unit u ON u.jurisdiction = j.code AND u.parent IS NULL
			LEFT JOIN motcua.kpi k ON k.unit = u.id AND k.period_kind = 'y' AND k.period_start = make_date($1, 1, 1)
			ORDER BY coalesce(k.received, 0) DESC, j.code`, [year])).rows;
	if (jur.length === 0) {
		throw Object.assign(new Error('no jurisdiction is loaded'), { status: 404 });
	}
	let j = jur[0];
	if (query.j !== undefined && query.j !== '') {
		j = jur.find((x) => x.code === query.j);
		if (!j) throw Object.assign(new Error('unknown jurisdiction'), { status: 404 });
	}
	return { today: today.today, week: today.week, year, jurisdictions: jur, j };
}

async function load(pool, query) {
	const db = await pool.connect();
	try {
		await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
		const p = await resolveParams(db, query);
		const y = p.year;
		const J = p.j.code;
		const root = p.j.root;
		const years = (await db.query(`SELECT extract(year FROM period_start)::int AS year FROM motcua.kpi
			WHERE unit = $1 AND period_kind = 'y' ORDER BY 1 DESC`, [root])).rows.map((r) => r.year);

		const summary = (await db.query(`SELECT received::text, received_online::text, online_rate::text, finished::text,
				on_time_rate::text, late::text, in_progress_overdue::text, avg_processing_days::text
			FROM motcua.kpi WHERE unit = $1 AND period_kind = 'y' AND period_start = make_date($2, 1, 1)`, [root, y])).rows[0] || null;

		// the units that receive dossiers, each with its subtree's figures
		const units = (await db.query(`SELECT u.id::text AS unit, u.name, u.tier, k.received::text, k.finished::text,
				(k.early + k.on_time)::text AS in_time, k.early::text, k.on_time::text, k.late::text, k.on_time_rate::text,
				k.in_progress_overdue::text AS overdue
			FROM motcua.unit u
			JOIN motcua.kpi k ON k.unit = u.id AND k.period_kind = 'y' AND k.period_start = make_date($2, 1, 1)
			WHERE u.jurisdiction = $1 AND u.receives_dossiers AND u.active
			  AND (k.received > 0 OR k.finished > 0 OR k.in_progress_overdue > 0)
			ORDER BY k.on_time_rate DESC NULLS LAST, u.id`, [J, y])).rows;

		const overdue = units.filter((u) => +u.overdue > 0)
			.map((u) => ({ unit: u.unit, name: u.name, overdue: u.overdue, received: u.received }))
			.sort((a, b) => (+b.overdue - +a.overdue) || (a.unit < b.unit ? -1 : 1));

		// the plan measured in this jurisdiction, its own first
		const plan = (await db.query(`SELECT p.code, p.name, p.issuer FROM motcua.plan p
			WHERE p.jurisdiction = $1 OR p.code IN (SELECT s.plan FROM motcua.plan_scope s WHERE s.jurisdiction = $1)
			ORDER BY (p.jurisdiction = $1) DESC NULLS LAST, p.code LIMIT 1`, [J])).rows[0] || null;
		const ind = PLAN_INDICATORS.map((x, i) => `(${i}, '${x[0]}', '${x[1]}')`).join(', ');
		const targets = (await db.query(`WITH ind(ord, code, col) AS (VALUES ${ind}),
			k AS (SELECT to_jsonb(k) AS f FROM motcua.kpi k WHERE k.unit = $1 AND k.period_kind = 'y' AND k.period_start = make_date($2, 1, 1))
			SELECT ind.code AS indicator, ki.name, ki.direction, (k.f ->> ind.col) AS actual, t.target::text, t.year_from, t.year_to,
				   CASE WHEN (k.f ->> ind.col) IS NULL OR t.target IS NULL THEN NULL
						WHEN ki.direction = 'at_most' THEN (k.f ->> ind.col)::numeric <= t.target
						ELSE (k.f ->> ind.col)::numeric >= t.target END AS met
			FROM ind CROSS JOIN k
			LEFT JOIN motcua.kpi_indicator ki ON ki.code = ind.code
			LEFT JOIN LATERAL (SELECT pt.target, pt.year_from, pt.year_to FROM motcua.plan_target pt
				WHERE pt.plan = $3 AND pt.indicator = ind.code AND pt.tier = 'all' AND pt.area_class = 'all'
				  AND pt.target IS NOT NULL AND pt.year_from <= $2
				ORDER BY ($2 <= pt.year_to) DESC, pt.year_to DESC LIMIT 1) t ON true
			ORDER BY ind.ord`, [root, y, plan ? plan.code : null])).rows;

		// Decision 766: every unit below the root with a score for the year
		const maxPoints = (await db.query('SELECT sum(max_points)::text AS m FROM motcua.index_766_indicator')).rows[0].m;
		const ranking = (await db.query(`SELECT x.unit, u.name, u.tier, x.total_points::text, x.unmeasured_points::text,
				rank() OVER (ORDER BY x.total_points DESC)::text AS rank
			FROM (SELECT DISTINCT i.unit::text AS unit, i.total_points, i.unmeasured_points FROM motcua.index_766 i
				  WHERE i.period_kind = 'y' AND i.period_start = make_date($2, 1, 1)) x
			JOIN motcua.unit u ON u.id::text = x.unit
			WHERE u.jurisdiction = $1 AND u.parent IS NOT NULL
			ORDER BY x.total_points DESC, x.unit`, [J, y])).rows;

		// the last 52 ISO weeks, this one included (of the year shown: up
		// to its last week when it is a past year)
		const weekly = (await db.query(`WITH e AS (SELECT least($2::date, date_trunc('week', make_date($3, 12, 31))::date) AS last)
			SELECT period_start::text AS week, received::text, received_online::text, finished::text,
				on_time_rate::text, online_rate::text
			FROM motcua.kpi, e WHERE unit = $1 AND period_kind = 'w'
			  AND period_start BETWEEN e.last - 51 * 7 AND e.last
			ORDER BY period_start`, [root, p.week, y])).rows;

		const points = (await db.query(`SELECT unit::text, name, address, latitude::text, longitude::text, opening_hours,
				counters::text, queue_length::text, on_time_rate_month::text
			FROM motcua.service_points WHERE jurisdiction = $1 ORDER BY unit::text`, [J])).rows;

		const me = (await db.query(`SELECT current_user AS read_as,
				to_char(motcua.local_time(now()), 'DD/MM/YYYY HH24:MI') AS t`)).rows[0];
		await db.query('COMMIT');
		return {
			generated_at: me.t, read_as: me.read_as, today: p.today, year: y, years,
			jurisdiction: { code: J, name: p.j.name, root, root_name: p.j.root_name },
			jurisdictions: p.jurisdictions.map((x) => ({ code: x.code, name: x.name })),
			summary, on_time_by_unit: units, overdue_by_unit: overdue,
			plan, plan_targets: targets, index_766: { max_points: maxPoints, ranking },
			weekly, service_points: points,
		};
	} catch (e) {
		await db.query('ROLLBACK').catch(() => {});
		throw e;
	} finally {
		db.release();
	}
}

module.exports = { makePool, checkRole, load, PLAN_INDICATORS };
