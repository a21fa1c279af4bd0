#!/usr/bin/env node
'use strict';
// Opens the dashboard in headless Chromium (Debian's, driven by
// playwright-core) as a leader would, and writes what the page shows for
// tests/sh/017_dashboard.sh to compare with SQL:
//   node browser.js URL OUT_PREFIX [--offline]
// OUT_PREFIX.tsv: one line per figure row: panel, data-key, attribute, value;
// OUT_PREFIX.json: per panel the SVG's drawn elements, every request the
// page made, those to hosts other than 127.0.0.1, and page errors;
// OUT_PREFIX.png: a full-page screenshot.  --offline: the context has no
// network at all and every non-file request is aborted (the mailed export).

const fs = require('fs');
const os = require('os');
const path = require('path');
const { chromium } = require('playwright-core');

async function main() {
	const [url, out] = process.argv.slice(2);
	const offline = process.argv.includes('--offline');
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-chromium-'));
	// (a fresh profile: playwright passes it to Chromium as --user-data-dir)
	const context = await chromium.launchPersistentContext(profile, {
		executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
		headless: true,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		viewport: { width: 1400, height: 900 }, offline, locale: 'vi-VN',
	});
	const result = { requests: [], outside: [], errors: [], panels: {} };
	try {
		if (offline) {
			await context.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
		}
		const page = context.pages()[0] || await context.newPage();
		page.on('request', (r) => {
			const u = r.url();
			result.requests.push(u);
			if (/^(data|blob|about|file):/.test(u)) return;
			let host = '';
			try { host = new URL(u).hostname; } catch (e) { host = u; }
			if (host !== '127.0.0.1') result.outside.push(u);
		});
		page.on('pageerror', (e) => result.errors.push(String(e)));
		page.on('console', (m) => { if (m.type() === 'error') result.errors.push(m.text()); });
		await page.goto(url, { waitUntil: 'load', timeout: 30000 });
		await page.waitForSelector('body[data-ready="true"]', { timeout: 15000 });
		const panels = await page.$$eval('section[data-panel]', (sections) => sections.map((s) => {
			const svg = s.querySelector('svg');
			const rows = Array.from(s.querySelectorAll('table.figures tbody tr')).map((tr) => {
				const a = {};
				for (const at of Array.from(tr.attributes)) if (at.name.startsWith('data-')) a[at.name.slice(5)] = at.value;
				return a;
			});
			return {
				name: s.getAttribute('data-panel'),
				title: s.querySelector('h2').textContent,
				drawn: svg ? svg.querySelectorAll('rect, circle, path, line').length : 0,
				width: svg ? svg.getBoundingClientRect().width : 0,
				empty: svg ? svg.querySelectorAll('text.empty').length : 1,
				rows,
			};
		}));
		const lines = [];
		for (const p of panels) {
			result.panels[p.name] = { title: p.title, drawn: p.drawn, width: Math.round(p.width), empty: p.empty, rows: p.rows.length };
			for (const r of p.rows) {
				for (const k of Object.keys(r)) if (k !== 'key') lines.push([p.name, r.key, k, r[k]].join('\t'));
			}
		}
		result.title = await page.title();
		fs.writeFileSync(`${out}.tsv`, lines.join('\n') + '\n');
		await page.screenshot({ path: `${out}.png`, fullPage: true });
	} finally {
		await context.close();
		fs.rmSync(profile, { recursive: true, force: true });
	}
	fs.writeFileSync(`${out}.json`, JSON.stringify(result, null, 1));
}

main().catch((e) => {
	console.error(`browser: ${e.stack || e}`);
	process.exit(1);
});
