'use strict';
// Draws the dashboard from the figures inlined in the page (script
// #motcua-data): plain SVG, no library and no request to anywhere.  Each
// panel is a <section data-panel="..."> with its chart and a table whose
// rows carry data-key and data-value (the exact figures PostgreSQL gave),
// so people read the chart and programs read the table.
(function () {
	// (the SVG namespace as the HTML parser gives it: no URL in the page)
	var probe = document.createElement('div');
	probe.innerHTML = '<svg></svg>';
	var SVGNS = probe.firstChild.namespaceURI;
	var D = JSON.parse(document.getElementById('motcua-data').textContent);
	var COLORS = { early: '#1b7f3b', on_time: '#6cc070', late: '#d9534f', bar: '#2f6db5', target: '#e08a00',
		online: '#8e44ad', grid: '#d8dde3', text: '#23303d', muted: '#6b7885' };

	// fmt: a figure the Vietnamese way (1.234,5); "—" for none
	function fmt(v, decimals) {
		if (v === null || v === undefined || v === '') return '—';
		var n = Number(v);
		var s = decimals === undefined ? String(v) : n.toFixed(decimals);
		var neg = s.charAt(0) === '-';
		if (neg) s = s.slice(1);
		var parts = s.split('.');
		parts[0] = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, '.');
		return (neg ? '-' : '') + parts.join(',');
	}
	function pct(v) { return v === null || v === undefined || v === '' ? '—' : fmt(v) + ' %'; }
	function el(tag, attrs, text) {
		var e = document.createElement(tag);
		for (var k in attrs || {}) if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
		if (text !== undefined) e.textContent = text;
		return e;
	}
	function sv(tag, attrs, text) {
		var e = document.createElementNS(SVGNS, tag);
		for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
		if (text !== undefined) e.textContent = text;
		return e;
	}
	function val(v) { return v === null || v === undefined ? '' : String(v); }
	function shortName(name) {
		return String(name).replace(/^Ủy ban nhân dân /, 'UBND ').replace(/^Trung tâm Phục vụ hành chính công /, 'TTPVHCC ')
			.replace(/^Trung tâm Hành chính công /, 'TTHCC ').replace(/^Bộ phận Một cửa /, 'BPMC ');
	}

	// panel: a section with a title, a note, an SVG and a figures table
	function panel(key, title, note) {
		var s = el('section', { 'class': 'panel', 'data-panel': key });
		s.appendChild(el('h2', {}, title));
		if (note) s.appendChild(el('p', { 'class': 'note' }, note));
		document.getElementById('panels').appendChild(s);
		return s;
	}
	function table(section, headers, rows) {
		var t = el('table', { 'class': 'figures' });
		var tr = el('tr');
		headers.forEach(function (h) { tr.appendChild(el('th', {}, h)); });
		t.appendChild(el('thead')).appendChild(tr);
		var tb = t.appendChild(el('tbody'));
		rows.forEach(function (r) {
			var row = el('tr', r.attrs);
			r.cells.forEach(function (c) { row.appendChild(el('td', {}, c)); });
			tb.appendChild(row);
		});
		section.appendChild(t);
	}
	function empty(svg, w, h, text) {
		svg.appendChild(sv('text', { x: w / 2, y: h / 2, 'text-anchor': 'middle', 'class': 'empty' }, text || 'Không có số liệu'));
	}

	// hbars: horizontal bars, one row per item; segs(item) gives [value, color, label]
	function hbars(section, items, opts) {
		var rowH = 26, left = opts.left || 230, w = 760, top = 24;
		var h = top + Math.max(items.length, 1) * rowH + 10;
		var svg = sv('svg', { viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img', 'aria-label': opts.label });
		section.appendChild(svg);
		if (!items.length) { empty(svg, w, h); return svg; }
		var max = opts.max || Math.max.apply(null, items.map(function (it) {
			return opts.segs(it).reduce(function (a, s) { return a + Number(s[0] || 0); }, 0);
		}).concat([1]));
		var scale = (w - left - 90) / max;
		for (var g = 0; g <= 4; g++) {
			var gx = left + (w - left - 90) * g / 4;
			svg.appendChild(sv('line', { x1: gx, x2: gx, y1: top - 6, y2: h - 8, stroke: COLORS.grid }));
			svg.appendChild(sv('text', { x: gx, y: top - 10, 'text-anchor': 'middle', 'class': 'axis' }, fmt(max * g / 4, max * g / 4 % 1 ? 1 : 0)));
		}
		items.forEach(function (it, i) {
			var y = top + i * rowH;
			svg.appendChild(sv('text', { x: left - 8, y: y + 16, 'text-anchor': 'end', 'class': 'label' }, opts.name(it)));
			var x = left;
			opts.segs(it).forEach(function (s) {
				var bw = Number(s[0] || 0) * scale;
				if (bw > 0) {
					var r = sv('rect', { x: x, y: y + 4, width: bw, height: rowH - 8, fill: s[1] });
					r.appendChild(sv('title', {}, s[2]));
					svg.appendChild(r);
				}
				x += bw;
			});
			if (opts.marker) {
				var m = opts.marker(it);
				if (m !== null && m !== undefined && m !== '') {
					var mx = left + Number(m) * scale;
					svg.appendChild(sv('line', { x1: mx, x2: mx, y1: y + 1, y2: y + rowH - 1, stroke: COLORS.target, 'stroke-width': 3 }));
				}
			}
			svg.appendChild(sv('text', { x: x + 6, y: y + 17, 'class': 'value' }, opts.text(it)));
		});
		return svg;
	}

	function legend(section, items) {
		var p = el('p', { 'class': 'legend' });
		items.forEach(function (i) {
			var s = el('span');
			s.appendChild(el('i', { style: 'background:' + i[1] }));
			s.appendChild(document.createTextNode(i[0]));
			p.appendChild(s);
		});
		section.appendChild(p);
	}

	function header() {
		var app = document.getElementById('app');
		app.textContent = '';
		var h = el('header');
		h.appendChild(el('h1', {}, 'Bảng điều hành giải quyết thủ tục hành chính'));
		h.appendChild(el('p', { 'class': 'sub' }, D.jurisdiction.name + ' — năm ' + D.year +
			' — số liệu đến ' + D.generated_at + ' (giờ Việt Nam)'));
		if (document.body.getAttribute('data-mode') === 'server') {
			var f = el('form', { method: 'get', 'class': 'period' });
			var sj = el('select', { name: 'j', 'aria-label': 'Địa phương, bộ ngành' });
			D.jurisdictions.forEach(function (j) {
				var o = el('option', { value: j.code }, j.name);
				if (j.code === D.jurisdiction.code) o.selected = true;
				sj.appendChild(o);
			});
			var sy = el('select', { name: 'year', 'aria-label': 'Năm' });
			var years = D.years.indexOf(D.year) < 0 ? [D.year].concat(D.years) : D.years;
			years.forEach(function (y) {
				var o = el('option', { value: y }, 'Năm ' + y);
				if (y === D.year) o.selected = true;
				sy.appendChild(o);
			});
			f.appendChild(sj); f.appendChild(sy);
			f.appendChild(el('button', { type: 'submit' }, 'Xem'));
			f.appendChild(el('a', { href: '/export.html?j=' + encodeURIComponent(D.jurisdiction.code) + '&year=' + D.year }, 'Tải bản HTML gửi thư'));
			h.appendChild(f);
		} else {
			h.appendChild(el('p', { 'class': 'sub' }, 'Bản xuất tĩnh: mở không cần mạng.'));
		}
		app.appendChild(h);
		app.appendChild(el('div', { id: 'panels' }));
	}

	function summary() {
		var s = panel('summary', 'Tổng quan năm ' + D.year, D.jurisdiction.root_name + ' (toàn bộ đơn vị trực thuộc)');
		var k = D.summary || {};
		var cards = [
			['received', 'Hồ sơ tiếp nhận', fmt(k.received)],
			['online_rate', 'Tỷ lệ tiếp nhận trực tuyến', pct(k.online_rate)],
			['finished', 'Hồ sơ đã giải quyết', fmt(k.finished)],
			['on_time_rate', 'Tỷ lệ đúng hạn', pct(k.on_time_rate)],
			['in_progress_overdue', 'Hồ sơ đang quá hạn', fmt(k.in_progress_overdue)],
		];
		var svg = sv('svg', { viewBox: '0 0 760 90', width: '100%', role: 'img', 'aria-label': 'Tổng quan' });
		cards.forEach(function (c, i) {
			var x = 4 + i * 151;
			svg.appendChild(sv('rect', { x: x, y: 4, width: 143, height: 80, rx: 8, fill: '#eef3f9', stroke: COLORS.grid }));
			svg.appendChild(sv('text', { x: x + 72, y: 44, 'text-anchor': 'middle', 'class': 'big' }, c[2]));
			svg.appendChild(sv('text', { x: x + 72, y: 70, 'text-anchor': 'middle', 'class': 'small' }, c[1]));
		});
		s.appendChild(svg);
		table(s, ['Chỉ số', 'Giá trị'], cards.map(function (c) {
			return { attrs: { 'data-key': c[0], 'data-value': val(k[c[0]]) }, cells: [c[1], c[2]] };
		}));
	}

	function onTime() {
		var s = panel('on_time_by_unit', 'Tỷ lệ đúng hạn theo đơn vị',
			'Hồ sơ đã giải quyết trong năm: trước hạn, đúng hạn, quá hạn so với thời hạn luật định; mỗi đơn vị tiếp nhận kể cả đơn vị trực thuộc.');
		legend(s, [['Trước hạn', COLORS.early], ['Đúng hạn', COLORS.on_time], ['Quá hạn', COLORS.late]]);
		var items = D.on_time_by_unit.filter(function (u) { return Number(u.finished) > 0; });
		hbars(s, items, {
			label: 'Tỷ lệ đúng hạn theo đơn vị',
			name: function (u) { return shortName(u.name); },
			segs: function (u) {
				return [[u.early, COLORS.early, 'Trước hạn: ' + fmt(u.early)], [u.on_time, COLORS.on_time, 'Đúng hạn: ' + fmt(u.on_time)],
					[u.late, COLORS.late, 'Quá hạn: ' + fmt(u.late)]];
			},
			text: function (u) { return pct(u.on_time_rate); },
		});
		table(s, ['Đơn vị', 'Tiếp nhận', 'Đã giải quyết', 'Trước hạn', 'Đúng hạn', 'Quá hạn', 'Tỷ lệ đúng hạn'], D.on_time_by_unit.map(function (u) {
			return { attrs: { 'data-key': u.unit, 'data-value': val(u.on_time_rate), 'data-received': u.received, 'data-finished': u.finished,
				'data-late': u.late }, cells: [u.name, fmt(u.received), fmt(u.finished), fmt(u.early), fmt(u.on_time), fmt(u.late), pct(u.on_time_rate)] };
		}));
	}

	function planTargets() {
		var p = D.plan;
		var s = panel('plan_targets', 'Số hóa, tái sử dụng và trực tuyến so với chỉ tiêu kế hoạch',
			p ? 'Kế hoạch: ' + p.name + ' (' + p.code + '). Vạch cam: chỉ tiêu; năm của chỉ tiêu ghi trong bảng (năm cuối của kế hoạch nếu năm ' + D.year + ' không có chỉ tiêu).'
				: 'Chưa có kế hoạch cải cách nào cho ' + D.jurisdiction.name + '.');
		legend(s, [['Thực hiện năm ' + D.year, COLORS.bar], ['Chỉ tiêu', COLORS.target]]);
		hbars(s, D.plan_targets, {
			label: 'Chỉ tiêu kế hoạch', max: 100, left: 300,
			name: function (r) { return label(r); },
			segs: function (r) { return [[r.actual, COLORS.bar, 'Thực hiện: ' + pct(r.actual)]]; },
			marker: function (r) { return r.target; },
			text: function (r) { return pct(r.actual) + (r.target !== null ? ' / ' + pct(r.target) : ''); },
		});
		table(s, ['Chỉ số', 'Thực hiện', 'Chỉ tiêu', 'Năm chỉ tiêu', 'Đạt'], D.plan_targets.map(function (r) {
			return { attrs: { 'data-key': r.indicator, 'data-value': val(r.actual), 'data-target': val(r.target) },
				cells: [r.name || label(r), pct(r.actual), pct(r.target), r.target === null ? '—' : String(r.year_from === r.year_to ? r.year_to : r.year_from + '–' + r.year_to),
					r.met === null ? '—' : (r.met ? 'Đạt' : 'Chưa đạt')] };
		}));
		function label(r) {
			return {
				online_rate: 'Tiếp nhận trực tuyến', dossier_digitization_rate: 'Số hóa hồ sơ, kết quả',
				component_digitization_rate: 'Số hóa thành phần hồ sơ', not_reprovided_rate: 'Không phải cung cấp lại giấy tờ',
				component_reuse_rate: 'Tái sử dụng thành phần hồ sơ', online_payment_rate: 'Thanh toán trực tuyến',
				esigned_result_rate: 'Kết quả được ký số',
			}[r.indicator] || r.indicator;
		}
	}

	function ranking() {
		var s = panel('index_766', 'Xếp hạng Bộ chỉ số 766 các đơn vị',
			'Tổng điểm năm ' + D.year + ' theo Quyết định 766/QĐ-TTg (tối đa ' + fmt(D.index_766.max_points) +
			' điểm; chỉ tiêu motcua không đo được tính 0 điểm).');
		var items = D.index_766.ranking;
		hbars(s, items, {
			label: 'Xếp hạng Bộ chỉ số 766', max: Number(D.index_766.max_points),
			name: function (r) { return r.rank + '. ' + shortName(r.name); },
			segs: function (r) { return [[r.total_points, COLORS.bar, 'Tổng điểm: ' + fmt(r.total_points)]]; },
			text: function (r) { return fmt(r.total_points) + ' điểm'; },
		});
		table(s, ['Hạng', 'Đơn vị', 'Tổng điểm', 'Điểm chưa đo được'], items.map(function (r) {
			return { attrs: { 'data-key': r.unit, 'data-value': val(r.total_points), 'data-rank': r.rank },
				cells: [r.rank, r.name, fmt(r.total_points), fmt(r.unmeasured_points)] };
		}));
	}

	function weekly() {
		var s = panel('weekly', 'Xu hướng theo tuần (52 tuần gần nhất)',
			'Cột: hồ sơ tiếp nhận mỗi tuần; đường: tỷ lệ đúng hạn và tỷ lệ trực tuyến (trục phải, %).');
		legend(s, [['Hồ sơ tiếp nhận', COLORS.bar], ['Tỷ lệ đúng hạn', COLORS.early], ['Tỷ lệ trực tuyến', COLORS.online]]);
		var w = 760, h = 260, l = 48, r = 48, t = 14, b = 40;
		var svg = sv('svg', { viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img', 'aria-label': 'Xu hướng theo tuần' });
		s.appendChild(svg);
		var rows = D.weekly;
		if (!rows.length) empty(svg, w, h);
		else {
			var max = Math.max.apply(null, rows.map(function (x) { return Number(x.received); }).concat([1]));
			var cw = (w - l - r) / rows.length, ph = h - t - b;
			for (var g = 0; g <= 4; g++) {
				var gy = t + ph - ph * g / 4;
				svg.appendChild(sv('line', { x1: l, x2: w - r, y1: gy, y2: gy, stroke: COLORS.grid }));
				svg.appendChild(sv('text', { x: l - 6, y: gy + 4, 'text-anchor': 'end', 'class': 'axis' }, fmt(max * g / 4, max * g / 4 % 1 ? 1 : 0)));
				svg.appendChild(sv('text', { x: w - r + 6, y: gy + 4, 'class': 'axis' }, fmt(25 * g) + '%'));
			}
			rows.forEach(function (x, i) {
				var bh = Number(x.received) / max * ph;
				var rect = sv('rect', { x: l + i * cw + 1, y: t + ph - bh, width: Math.max(cw - 2, 1), height: bh, fill: COLORS.bar, opacity: 0.75 });
				rect.appendChild(sv('title', {}, 'Tuần từ ' + x.week + ': ' + fmt(x.received) + ' hồ sơ'));
				svg.appendChild(rect);
				if (i % 4 === 0) {
					svg.appendChild(sv('text', { x: l + i * cw + cw / 2, y: h - b + 16, 'text-anchor': 'middle', 'class': 'axis' },
						x.week.slice(8, 10) + '/' + x.week.slice(5, 7)));
				}
			});
			[['on_time_rate', COLORS.early], ['online_rate', COLORS.online]].forEach(function (c) {
				var d = '', pen = 'M';
				rows.forEach(function (x, i) {
					if (x[c[0]] === null) { pen = 'M'; return; }
					d += pen + (l + i * cw + cw / 2).toFixed(1) + ',' + (t + ph - Number(x[c[0]]) / 100 * ph).toFixed(1) + ' ';
					pen = 'L';
				});
				if (d) svg.appendChild(sv('path', { d: d, fill: 'none', stroke: c[1], 'stroke-width': 2 }));
			});
		}
		table(s, ['Tuần từ', 'Tiếp nhận', 'Trực tuyến', 'Đã giải quyết', 'Tỷ lệ đúng hạn', 'Tỷ lệ trực tuyến'], rows.map(function (x) {
			return { attrs: { 'data-key': x.week, 'data-value': x.received, 'data-on-time-rate': val(x.on_time_rate), 'data-online-rate': val(x.online_rate) },
				cells: [x.week.split('-').reverse().join('/'), fmt(x.received), fmt(x.received_online), fmt(x.finished), pct(x.on_time_rate), pct(x.online_rate)] };
		}));
	}

	function overdue() {
		var s = panel('overdue_by_unit', 'Hồ sơ đang quá hạn theo đơn vị',
			'Hồ sơ chưa giải quyết đã quá thời hạn luật định, tại thời điểm hiện tại (hoặc cuối năm đã qua).');
		hbars(s, D.overdue_by_unit, {
			label: 'Hồ sơ quá hạn theo đơn vị',
			name: function (u) { return shortName(u.name); },
			segs: function (u) { return [[u.overdue, COLORS.late, 'Quá hạn: ' + fmt(u.overdue)]]; },
			text: function (u) { return fmt(u.overdue) + ' hồ sơ'; },
		});
		table(s, ['Đơn vị', 'Đang quá hạn', 'Tiếp nhận trong năm'], D.overdue_by_unit.map(function (u) {
			return { attrs: { 'data-key': u.unit, 'data-value': u.overdue }, cells: [u.name, fmt(u.overdue), fmt(u.received)] };
		}));
	}

	// the service points on a plain longitude/latitude plane (no tiles)
	function map() {
		var s = panel('service_points', 'Bản đồ điểm tiếp nhận hồ sơ',
			'Vị trí theo kinh độ, vĩ độ (không có bản đồ nền); màu theo tỷ lệ đúng hạn tháng này, số trong vòng tròn là số hồ sơ chờ tại quầy hôm nay.');
		var pts = D.service_points.filter(function (p) { return p.latitude !== null && p.longitude !== null; });
		var w = 1200, h = 520, pad = 60;
		var svg = sv('svg', { viewBox: '0 0 ' + w + ' ' + h, width: '100%', role: 'img', 'aria-label': 'Bản đồ điểm tiếp nhận' });
		s.appendChild(svg);
		if (!pts.length) empty(svg, w, h, 'Chưa có tọa độ điểm tiếp nhận');
		else {
			var lon = pts.map(function (p) { return Number(p.longitude); }), lat = pts.map(function (p) { return Number(p.latitude); });
			var x0 = Math.min.apply(null, lon), x1 = Math.max.apply(null, lon), y0 = Math.min.apply(null, lat), y1 = Math.max.apply(null, lat);
			var k = Math.cos((y0 + y1) / 2 * Math.PI / 180);
			var spanX = Math.max((x1 - x0) * k, 0.01), spanY = Math.max(y1 - y0, 0.01);
			var sc = Math.min((w - 2 * pad) / spanX, (h - 2 * pad) / spanY);
			var cx = (x0 + x1) / 2, cy = (y0 + y1) / 2;
			var X = function (v) { return w / 2 + (v - cx) * k * sc; }, Y = function (v) { return h / 2 - (v - cy) * sc; };
			svg.appendChild(sv('rect', { x: 1, y: 1, width: w - 2, height: h - 2, fill: '#f4f8fb', stroke: COLORS.grid }));
			for (var g = 0; g <= 4; g++) {
				var gx = pad / 2 + (w - pad) * g / 4, gy = pad / 2 + (h - pad) * g / 4;
				svg.appendChild(sv('line', { x1: gx, x2: gx, y1: 1, y2: h - 1, stroke: COLORS.grid, 'stroke-dasharray': '3 4' }));
				svg.appendChild(sv('line', { x1: 1, x2: w - 1, y1: gy, y2: gy, stroke: COLORS.grid, 'stroke-dasharray': '3 4' }));
				svg.appendChild(sv('text', { x: gx + 3, y: h - 6, 'class': 'axis' }, fmt((cx + (gx - w / 2) / (k * sc)).toFixed(3)) + '°Đ'));
				svg.appendChild(sv('text', { x: 4, y: gy - 3, 'class': 'axis' }, fmt((cy - (gy - h / 2) / sc).toFixed(3)) + '°B'));
			}
			var labels = [];
			pts.forEach(function (p) {
				var x = X(Number(p.longitude)), y = Y(Number(p.latitude));
				var rate = p.on_time_rate_month === null ? null : Number(p.on_time_rate_month);
				var fill = rate === null ? '#9aa5b1' : rate >= 95 ? COLORS.early : rate >= 80 ? COLORS.target : COLORS.late;
				var c = sv('circle', { cx: x.toFixed(1), cy: y.toFixed(1), r: 11, fill: fill, stroke: '#fff', 'stroke-width': 2, 'data-key': p.unit });
				c.appendChild(sv('title', {}, p.name + '\n' + (p.address || '') + '\nGiờ làm việc: ' + (p.opening_hours || '—') +
					'\nQuầy: ' + fmt(p.counters) + ' — chờ: ' + fmt(p.queue_length) + '\nĐúng hạn tháng này: ' + pct(p.on_time_rate_month)));
				svg.appendChild(c);
				svg.appendChild(sv('text', { x: x, y: y + 4, 'text-anchor': 'middle', 'class': 'dot' }, fmt(p.queue_length)));
				labels.push({ x: x, y: y, text: shortName(p.name) });
			});
			// labels where they overlap no circle nor label placed before
			// (the rest keep their tooltip and their row in the table)
			var boxes = pts.map(function (p) { var x = X(Number(p.longitude)), y = Y(Number(p.latitude)); return [x - 11, y - 11, x + 11, y + 11]; });
			labels.forEach(function (lb) {
				var wdt = lb.text.length * 6.3;
				var tries = [[14, 4], [14, -10], [14, 18], [-14 - wdt, 4], [-14 - wdt, -10], [-14 - wdt, 18]];
				for (var t = 0; t < tries.length; t++) {
					var bx = [lb.x + tries[t][0], lb.y + tries[t][1] - 11, lb.x + tries[t][0] + wdt, lb.y + tries[t][1] + 3];
					if (bx[0] < 2 || bx[2] > w - 2 || bx[1] < 2 || bx[3] > h - 2) continue;
					var clash = boxes.some(function (o) { return bx[0] < o[2] && o[0] < bx[2] && bx[1] < o[3] && o[1] < bx[3]; });
					if (!clash) {
						boxes.push(bx);
						svg.appendChild(sv('text', { x: bx[0].toFixed(1), y: (lb.y + tries[t][1]).toFixed(1), 'class': 'label' }, lb.text));
						break;
					}
				}
			});
		}
		table(s, ['Điểm tiếp nhận', 'Địa chỉ', 'Vĩ độ', 'Kinh độ', 'Quầy', 'Đang chờ', 'Đúng hạn tháng này'], D.service_points.map(function (p) {
			return { attrs: { 'data-key': p.unit, 'data-value': val(p.on_time_rate_month), 'data-lat': val(p.latitude), 'data-lon': val(p.longitude),
				'data-queue': val(p.queue_length) },
				cells: [p.name, p.address || '—', fmt(p.latitude), fmt(p.longitude), fmt(p.counters), fmt(p.queue_length), pct(p.on_time_rate_month)] };
		}));
	}

	header();
	summary();
	onTime();
	planTargets();
	ranking();
	weekly();
	overdue();
	map();
	document.body.setAttribute('data-ready', 'true');
})();
