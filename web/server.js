#!/usr/bin/env node
'use strict';
// The leaders' dashboard of motcua: an HTTP server on 127.0.0.1 that reads
// the KPI views as a login of motcua_bi and serves one page (the figures
// inlined, the drawing code and style served from web/public), or, with
// --export FILE, writes the same page as one self-contained HTML file.
//
//   node server.js [--port N] [--url-file FILE]    serve (port 0: a free one)
//   node server.js --export FILE [--year Y] [--j CODE]
// Environment: PGHOST, PGPORT (PGPASSWORD), DASHBOARD_DB, DASHBOARD_USER.

const http = require('http');
const fs = require('fs');
const path = require('path');
const { makePool, checkRole, load } = require('./lib/data');

const PUBLIC = path.join(__dirname, 'public');
const STATIC = {
	'/static/dashboard.js': ['dashboard.js', 'text/javascript; charset=utf-8'],
	'/static/dashboard.css': ['dashboard.css', 'text/css; charset=utf-8'],
};

function arg(name, dflt) {
	const i = process.argv.indexOf(name);
	return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : dflt;
}

function escapeHtml(s) {
	return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

// page: the HTML with the figures as JSON; inline puts the script and the
// style in the page too (the export), otherwise they are linked locally.
function page(data, inline) {
	const json = JSON.stringify(data).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
	const css = inline
		? `<style>\n${fs.readFileSync(path.join(PUBLIC, 'dashboard.css'), 'utf8')}</style>`
		: '<link rel="stylesheet" href="/static/dashboard.css">';
	const js = inline
		? `<script>\n${fs.readFileSync(path.join(PUBLIC, 'dashboard.js'), 'utf8').replace(/<\/script/gi, '<\\/script')}</script>`
		: '<script src="/static/dashboard.js"></script>';
	return `<!DOCTYPE html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Bảng điều hành một cửa — ${escapeHtml(data.jurisdiction.name)} — năm ${data.year}</title>
${css}
</head>
<body data-mode="${inline ? 'export' : 'server'}">
<main id="app"><p class="loading">Đang tải số liệu…</p></main>
<script id="motcua-data" type="application/json">${json}</script>
${js}
</body>
</html>
`;
}

async function exportFile(pool, file) {
	const data = await load(pool, { year: arg('--year'), j: arg('--j') });
	fs.writeFileSync(file, page(data, true), 'utf8');
	console.log(`dashboard: wrote ${file} (${data.jurisdiction.name}, năm ${data.year})`);
}

function serve(pool) {
	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url, 'http://127.0.0.1');
		const send = (status, type, body) => {
			res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' });
			res.end(body);
		};
		if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain; charset=utf-8', 'chỉ GET\n');
		try {
			if (STATIC[url.pathname]) {
				const [file, type] = STATIC[url.pathname];
				return send(200, type, fs.readFileSync(path.join(PUBLIC, file)));
			}
			if (url.pathname === '/healthz') {
				await pool.query('SELECT 1');
				return send(200, 'text/plain; charset=utf-8', 'ok\n');
			}
			const query = Object.fromEntries(url.searchParams);
			if (url.pathname === '/api/data') {
				return send(200, 'application/json; charset=utf-8', JSON.stringify(await load(pool, query)));
			}
			if (url.pathname === '/export.html') {
				res.setHeader('Content-Disposition', 'attachment; filename="motcua-dashboard.html"');
				return send(200, 'text/html; charset=utf-8', page(await load(pool, query), true));
			}
			if (url.pathname === '/' || url.pathname === '/index.html') {
				return send(200, 'text/html; charset=utf-8', page(await load(pool, query), false));
			}
			return send(404, 'text/plain; charset=utf-8', 'không tìm thấy\n');
		} catch (e) {
			console.error(`dashboard: ${req.url}: ${e.message}`);
			return send(e.status || 500, 'text/plain; charset=utf-8', `lỗi: ${e.status ? e.message : 'không đọc được số liệu'}\n`);
		}
	});
	server.on('error', (e) => {
		console.error(`dashboard: ${e.message}`);
		process.exit(1);
	});
	const port = +(arg('--port', process.env.DASHBOARD_PORT || '0'));
	server.listen(port, '127.0.0.1', () => {
		const url = `http://127.0.0.1:${server.address().port}/`;
		const urlFile = arg('--url-file');
		if (urlFile) {
			fs.writeFileSync(`${urlFile}.tmp`, `${url}\n`);
			fs.renameSync(`${urlFile}.tmp`, urlFile);
		}
		console.log(`dashboard: listening on ${url}`);
	});
	const stop = () => server.close(() => pool.end().then(() => process.exit(0)));
	process.on('SIGTERM', stop);
	process.on('SIGINT', stop);
}

async function main() {
	await checkRole(process.env);
	const pool = makePool(process.env);
	// (an idle connection lost, e.g. the cluster restarted: the next
	// request opens another)
	pool.on('error', (e) => console.error(`dashboard: idle connection: ${e.message}`));
	const out = arg('--export');
	if (out) {
		await exportFile(pool, out);
		await pool.end();
	} else {
		serve(pool);
	}
}

main().catch((e) => {
	console.error(`dashboard: ${e.message}`);
	process.exit(1);
});
