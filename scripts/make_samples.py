#!/usr/bin/env python3
"""Generate samples/: the demo data of "Café La Esquina", the café of SPEC section 1.

Writes every file under samples/ -- Meta Business Suite exports in the exact physical shapes
Meta produces (research/csv-exports.md sections 3-5), the customer list, time log, outcomes,
goals file, README.md and EXPECTED.md (what the importer must find, for the lead's tests) --
and prints the EXPECTED.md text. Deterministic: one fixed seed, no set iteration, no clock,
so re-running reproduces identical bytes. Standard library only.

Usage: scripts/make_samples.py [SAMPLES_DIR]   (default: samples/ beside scripts/)
"""

import math
import random
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

SEED = 20261121
PAGE_ID = "100064197037125"
PAGE_NAME = "Café La Esquina"
START, END = date(2024, 11, 21), date(2026, 11, 20)
NEWER_FROM = date(2025, 11, 21)      # second year of range: files without "(1)"
VIEWS_FROM = date(2025, 11, 15)      # Meta replaced "Impresiones" with "Visualizaciones"
VIEWERS_FROM = date(2026, 6, 15)     # ... and "Alcance" with "Espectadores"
DST_UNTIL = date(2025, 3, 8)         # "Visitas (1).csv" stamps T01:00:00 up to this day
FOLLOWERS_BEFORE = 8095              # total on 2024-11-20, the day before the data starts
FOLLOWERS_LAST = 9874                # total on 2026-11-20
HOLIDAYS = ((date(2025, 8, 4), date(2025, 8, 17)), (date(2026, 8, 3), date(2026, 8, 16)))
SLOW_MONTH = (2026, 1)               # January after the holidays: few posts, few views
DAYS = [START + timedelta(i) for i in range((END - START).days + 1)]
N = len(DAYS)


def day_index(d):
    return (d - START).days


def on_holiday(d):
    return any(a <= d <= b for a, b in HOLIDAYS)


def closed(d):
    return on_holiday(d) or (d.month, d.day) == (12, 25)


MONTH_FACTOR = {1: .9, 2: .95, 3: 1.05, 4: 1.05, 5: 1.05, 6: 1.0,
                7: .9, 8: .85, 9: 1.05, 10: 1.05, 11: 1.0, 12: 1.1}
WEEKDAY_FACTOR = (.9, .92, .95, 1.0, 1.08, 1.15, 1.1)   # Monday first: weekends are busier


def season(d):
    """Attention the Page gets on day d, before posts: month, slow month, closures, slow growth."""
    if closed(d):
        return .5
    f = .7 if (d.year, d.month) == SLOW_MONTH else MONTH_FACTOR[d.month]
    return f * (1 + .15 * day_index(d) / N)


def poisson(rng, lam):
    """Knuth's method: exact, and stable across Python versions (only rng.random())."""
    limit, k, p = math.exp(-lam), 0, rng.random()
    while p > limit:
        k += 1
        p *= rng.random()
    return k


def spread(total, decay, days=10):
    """Split a lifetime total, rounded, over the days after publication: a geometric decay,
    integer parts by largest remainder so that they add up to the rounded total."""
    weights = [decay ** k for k in range(days)]
    shares = [total * w / sum(weights) for w in weights]
    parts = [int(s) for s in shares]
    by_remainder = sorted(range(days), key=lambda k: (parts[k] - shares[k], k))
    for k in by_remainder[:round(total) - sum(parts)]:
        parts[k] += 1
    return parts


# ---------------------------------------------------------------------------------------------
# What the café writes: Spanish captions, by theme

DIAS = ("lunes", "martes", "miércoles", "jueves", "viernes", "sábado", "domingo")
MESES = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
         "octubre", "noviembre", "diciembre")
WEB = "https://cafe-la-esquina.example"
MENU = (("Salmorejo con virutas de jamón", "Lentejas estofadas", "Crema de calabaza",
         "Ensalada de quinoa y aguacate", "Gazpacho", "Judías verdes con patata",
         "Sopa castellana", "Arroz con verduras de temporada"),
        ("Pollo al limón con patatas panaderas", "Merluza a la romana",
         "Albóndigas en salsa de almendras", "Tortilla de patatas con pimientos de Padrón",
         "Lasaña de verduras", "Lomo con pimientos asados", "Bacalao con tomate",
         "Quiche de puerro y queso de cabra"),
        ("tarta de queso", "arroz con leche", "flan casero", "fruta de temporada", "natillas",
         "brownie con nueces"))
BRUNCH = ("huevos benedictinos", "tostada de aguacate con huevo poché", "tortitas con frutos rojos",
          "bagel de salmón", "shakshuka", "yogur con granola casera",
          "tostada de tomate y aceite de oliva")
BANDS = (("Trío Lavapiés", "jazz"), ("Marta Ruiz", "canción de autor"),
         ("Dúo Café con Sal", "bossa nova"), ("Los del Quinto", "rumba"),
         ("Paloma Vidal", "guitarra flamenca"), ("The Corner Quartet", "swing"))
DRINKS = ("flat white", "cortado", "café de filtro de Etiopía", "cappuccino con avena",
          "chai latte")
SWEETS = ("tarta de zanahoria", "bizcocho de limón y amapola", "cookies de chocolate", "torrijas",
          "palmeras de hojaldre", "napolitanas de crema")
TEAM = (("Lucía", "barista", 2022), ("Marcos", "cocinero", 2023), ("Irene", "jefa de sala", 2022),
        ("Dani", "repostero", 2024))
NOTICES = ("Hoy abrimos a las 10:00 por una avería en la cafetera. ¡Perdonad! 🙏",
           "¿Tostada con tomate o croissant? 🍅🥐 Os leemos en comentarios.",
           "Mañana cerramos a las 17:00 por un evento privado.",
           "Recordad: los martes, 10 % de descuento con la tarjeta de cliente.",
           "¿Qué canción queréis oír el jueves? 🎸")

THEMES_BY_WEEKDAY = {wd: themes for wds, themes in (
    ((0, 1, 2), (("menu", 55), ("producto", 15), ("enlace", 10), ("aviso", 10), ("equipo", 10))),
    ((3,), (("musica", 70), ("menu", 30))),
    ((4,), (("brunch", 50), ("menu", 35), ("producto", 15))),
    ((5, 6), (("brunch", 55), ("producto", 30), ("equipo", 15)))) for wd in wds}
KIND_BY_THEME = {"menu": (("Fotos", 1),), "brunch": (("Fotos", 6), ("Reels", 4)),
                 "musica": (("Fotos", 6), ("Vídeos", 4)),
                 "producto": (("Reels", 7), ("Vídeos", 1), ("Fotos", 2)),
                 "equipo": (("Fotos", 1),), "enlace": (("Enlaces", 1),), "aviso": (("Texto", 1),)}
HOURS_BY_THEME = {"menu": (11, 13), "brunch": (9, 11), "musica": (17, 20), "producto": (16, 20),
                  "equipo": (10, 19), "enlace": (10, 19), "aviso": (9, 18)}
# (comments, shares) as shares of a post's interactions; the rest are reactions.
INTERACTION_SPLIT = {"sorteo_aniversario": (.45, .15), "sorteo_otono": (.45, .15),
                     "aviso": (.3, .03), "troll": (.4, .05), "prensa": (.15, .25),
                     "musica": (.1, .12)}
# Dated posts: (day, time, theme, post type, promotion factor). Promotions (>= 2.5) spike views,
# follows and visits; giveaways ("sorteo") bring unfollows in the weeks after.
SPECIALS = (
    (date(2024, 12, 4), "10:15", "roscon_reserva", "Enlaces", 1.0),
    (date(2024, 12, 23), "17:30", "navidad", "Texto", 1.0),
    (date(2025, 1, 4), "09:30", "roscon", "Fotos", 1.6),
    (date(2025, 3, 14), "12:00", "sorteo_aniversario", "Fotos", 3.0),
    (date(2025, 5, 22), "18:45", "prensa", "Enlaces", 1.8),
    (date(2025, 7, 31), "19:00", "vacaciones", "Texto", 1.2),
    (date(2025, 8, 18), "08:30", "vuelta", "Fotos", 1.5),
    (date(2025, 10, 1), "09:00", "dia_cafe", "Reels", 2.6),
    (date(2025, 12, 3), "10:40", "roscon_reserva", "Enlaces", 1.0),
    (date(2025, 12, 23), "17:10", "navidad", "Texto", 1.0),
    (date(2026, 1, 4), "09:20", "roscon", "Fotos", 1.6),
    (date(2026, 2, 10), "16:20", "troll", "Texto", 1.0),
    (date(2026, 4, 17), "10:00", "brunch_nuevo", "Reels", 2.8),
    (date(2026, 7, 30), "19:00", "vacaciones", "Texto", 1.2),
    (date(2026, 8, 17), "08:30", "vuelta", "Fotos", 1.5),
    (date(2026, 9, 18), "11:00", "sorteo_otono", "Fotos", 3.0),
)


def capitalized(s):
    return s[:1].upper() + s[1:]


def caption(theme, d, rng):
    """An ordinary post's caption. Some span lines, some hold quotes, emoji, math-bold letters."""
    pick = rng.choice
    if theme == "menu":
        first, second, dessert = (pick(course) for course in MENU)
        if rng.random() < .7:
            price = "12,50" if d.year < 2026 else "13,50"
            return (f"🍽️ Menú del día · {DIAS[d.weekday()]} {d.day} de {MESES[d.month - 1]}\n\n"
                    f"Primero: {first}\nSegundo: {second}\nPostre: {capitalized(dessert)}\n\n"
                    f"Pan, bebida y café: {price} €. De 13:00 a 16:00.")
        return (f"Hoy de menú: {first[0].lower() + first[1:]}, {second[0].lower() + second[1:]}"
                f" y {dessert}. ¡Os esperamos!")
    if theme == "brunch":
        x, y = rng.sample(BRUNCH, 2)
        if rng.random() < .6:
            return (f"🥐 Brunch de sábado y domingo, de 10:00 a 14:00.\n{capitalized(x)}, {y} y "
                    "zumo de naranja recién exprimido.\nReservas por mensaje privado 📩")
        return f"Este finde en el brunch: {x} 🍳 ¿Quién se apunta?"
    if theme == "musica":
        band, style = pick(BANDS)
        return (f"🎶 Jueves de música en directo\nEste jueves: {band} ({style})\n"
                "20:30 · Entrada libre\n¡Reservad mesa, que se llena!")
    if theme == "producto":
        return pick((f"☕ Así sale un {pick(DRINKS)} en La Esquina. #cafédeespecialidad #Madrid",
                     f"𝐍𝐔𝐄𝐕𝐎 en la vitrina: {pick(SWEETS)} 🍰",
                     'Nuestro "cortado de la casa": mitad café, mitad leche, todo cariño ☕❤️',
                     "Pan de masa madre recién salido del horno, cada mañana a las 8:00 🍞",
                     f"Recién salido del horno: {pick(SWEETS)}. Quedan pocas porciones 😉"))
    if theme == "equipo":
        name, role, year = pick(TEAM)
        return (f"Os presentamos a {name}, {role} de La Esquina desde {year}.\n"
                "Si venís por la mañana, pedidle su recomendación del día 😊")
    if theme == "enlace":
        return pick((f"Nuestra carta, actualizada en la web 👉 {WEB}/carta",
                     f"¿Celebras algo? Reserva la sala de abajo para grupos: {WEB}/reservas",
                     f"El café de este mes, y de dónde viene: {WEB}/blog/{d:%Y-%m}-origen"))
    return pick(NOTICES)


def special_caption(theme, d):
    if theme in ("vacaciones", "vuelta"):
        first, last = next(h for h in HOLIDAYS if h[0].year == d.year)
        back = last + timedelta(1)
        if theme == "vacaciones":
            return (f"🌞 Cerramos por vacaciones del {first.day} al {last.day} de agosto.\n"
                    f"Volvemos el lunes {back.day}, con café nuevo y las pilas cargadas.\n"
                    "¡Feliz verano!")
        return "¡Volvemos! ☕ Ya estamos detrás de la barra. Os hemos echado de menos."
    return {
        "roscon_reserva": "🎄 Ya puedes encargar tu roscón de Reyes: de nata, de trufa o sin "
                          f"relleno.\nEncárgalo aquí 👉 {WEB}/roscon",
        "navidad": "Aviso: el 25 de diciembre cerramos. El 24 y el 31 abrimos hasta las 15:00.\n"
                   "¡Felices fiestas! 🎄",
        "roscon": "👑 Roscones listos para mañana. Los encargos se recogen a partir de las 9:00.",
        "sorteo_aniversario": "🎉 ¡La Esquina cumple 3 años y lo celebramos con vosotros!\n"
                              "Sorteamos un brunch para dos personas.\nPara participar:\n"
                              "1️⃣ Sigue nuestra página\n2️⃣ Dale a \"me gusta\" a esta publicación"
                              "\n3️⃣ Menciona en comentarios a quién invitarías\n"
                              "Ganador el viernes 21 de marzo. ¡Suerte!",
        "prensa": "¡Salimos en el periódico del barrio! Gracias por contar nuestra historia 🙌 "
                  "https://noticias-del-barrio.example/cafe-la-esquina",
        "dia_cafe": "Hoy es el Día Internacional del Café ☕ y lo celebramos con un 2x1 en cafés "
                    "de especialidad hasta las 12:00. ¡Trae a quien quieras!",
        "troll": "Alguien nos ha dejado esta «reseña» en la web: <script>alert(1)</script> 🙃\n"
                 "Tranquilos, la web está bien. Lo que sí funciona es la cafetera: os esperamos.",
        "brunch_nuevo": "🥞 NUEVA CARTA DE BRUNCH 🥞\nDesde este sábado: shakshuka, tostada de "
                        "aguacate y tortitas de plátano.\nSábados y domingos de 10:00 a 14:00.",
        "sorteo_otono": "🍂 Sorteo de otoño: una tarjeta regalo de 50 € para gastar en La Esquina."
                        "\nSigue la página, comenta con tu desayuno favorito y comparte.\n"
                        "Ganador el viernes 25 de septiembre.",
    }[theme]


# ---------------------------------------------------------------------------------------------
# Posts and the daily series they drive

@dataclass
class Post:
    when: datetime
    theme: str
    kind: str             # Fotos | Reels | Vídeos | Enlaces | Texto
    promo: float          # 1 = ordinary post; 2.5+ = a promotion that spikes the Page
    caption: str
    views: float = 0.0    # lifetime targets, shrunk when a day would exceed its range
    inter: float = 0.0
    links: float = 0.0
    daily: dict = field(default_factory=dict)   # metric -> per-day contributions

    @property
    def start(self):
        return day_index(self.when.date())

    @property
    def decay(self):
        return .62 if self.promo >= 2.5 else .45

    def lifetime(self, metric):
        """As of the export day (2026-11-21): contributions after END never happened."""
        return sum(v for k, v in enumerate(self.daily[metric]) if self.start + k < N)


KIND_MEAN_VIEWS = {"Fotos": 1300, "Reels": 2200, "Vídeos": 1700, "Enlaces": 800, "Texto": 600}
INTERACTION_RATE = {"Fotos": .035, "Reels": .028, "Vídeos": .025, "Enlaces": .015, "Texto": .04}


def schedule_posts(rng):
    """3-5 posts a week, themed by weekday; fewer in the slow month, none while closed."""
    specials = {d: (hm, theme, kind, promo) for d, hm, theme, kind, promo in SPECIALS}
    posts = []
    monday = START - timedelta(START.weekday())
    while monday <= END:
        week = [monday + timedelta(k) for k in range(7)]
        open_days = [d for d in week if START <= d <= END and not closed(d)]
        wanted = 2 if (monday.year, monday.month) == SLOW_MONTH else rng.choice((3, 4, 4, 4, 5))
        wanted = round(wanted * len(open_days) / 7)
        for d in open_days:
            if d in specials:
                hm, theme, kind, promo = specials[d]
                when = datetime.combine(d, datetime.strptime(hm, "%H:%M").time())
                posts.append(Post(when, theme, kind, promo, special_caption(theme, d)))
        free = [d for d in open_days if d not in specials]
        regular = min(len(free), max(0, wanted - (len(open_days) - len(free))))
        for d in sorted(rng.sample(free, regular)):
            names, weights = zip(*THEMES_BY_WEEKDAY[d.weekday()])
            theme = rng.choices(names, weights)[0]
            kinds, kweights = zip(*KIND_BY_THEME[theme])
            kind = rng.choices(kinds, kweights)[0]
            h0, h1 = HOURS_BY_THEME[theme]
            minute = rng.randrange(h0 * 60, h1 * 60)
            when = datetime.combine(d, datetime.min.time()) + timedelta(minutes=minute)
            posts.append(Post(when, theme, kind, 1.0, caption(theme, d, rng)))
        monday += timedelta(7)
    posts.sort(key=lambda p: p.when)
    for p in posts:
        size = season(p.when.date()) * p.promo * math.exp(rng.gauss(0, .25))
        p.views = KIND_MEAN_VIEWS[p.kind] * size
        rate = .07 if p.theme.startswith("sorteo") else INTERACTION_RATE[p.kind]
        p.inter = p.views * rate * math.exp(rng.gauss(0, .25))
        p.links = p.views * .03 * math.exp(rng.gauss(0, .3)) if p.kind == "Enlaces" else 0.0
    return posts


def fit(posts, metric, base, low, high, rng):
    """Daily = base + posts' share, kept in [low, high]: shrink the posts of a day above `high`
    (so lifetime totals stay the sum of their days) and lift the base of a day below `low`."""
    while True:
        daily = [0] * N
        for p in posts:
            p.daily[metric] = spread(getattr(p, metric), p.decay)
            for k, v in enumerate(p.daily[metric]):
                if p.start + k < N:
                    daily[p.start + k] += v
        worst = max(range(N), key=lambda i: base[i] + daily[i])
        if base[worst] + daily[worst] <= high:
            break
        for p in posts:
            if p.start <= worst < p.start + 10:
                setattr(p, metric, getattr(p, metric) * .93)
    lifted = [max(b, low + rng.randrange(0, max(1, low // 8 + 1)) - d) if b + d < low else b
              for b, d in zip(base, daily)]
    return [b + d for b, d in zip(lifted, daily)]


def promo_days(posts, within):
    """Day index -> days since a promotion post, for the `within` days starting on its day."""
    since = {}
    for p in posts:
        if p.promo >= 2.5:
            for k in range(within):
                since[p.start + k] = k
    return since


def build_series(rng, posts):
    s = {}
    base_views = [520 * season(d) * WEEKDAY_FACTOR[d.weekday()] * math.exp(rng.gauss(0, .12))
                  for d in DAYS]
    s["views"] = fit(posts, "views", [round(b) for b in base_views], 600, 3500, rng)
    base_inter = [max(2, round(rng.gauss(6, 2) * season(d))) for d in DAYS]
    s["inter"] = fit(posts, "inter", base_inter, 10, 150, rng)
    s["links"] = fit(posts, "links", [poisson(rng, 1.0) for _ in DAYS], 0, 25, rng)
    s["reach"] = [min(1500, max(300, round(v / (1.7 + v / 3500 + rng.gauss(0, .1)))))
                  for v in s["views"]]
    promo = promo_days(posts, 3)
    s["follows"] = [min(20, max(5, round(3.5 + .0028 * v + (6 - 2 * promo[i] if i in promo else 0)
                                         + rng.gauss(0, 1.1))))
                    for i, v in enumerate(s["views"])]
    s["visits"] = [min(90, max(20, round(18 + .014 * v * WEEKDAY_FACTOR[d.weekday()]
                                         + (8 if i in promo else 0) + rng.gauss(0, 4))))
                   for i, (d, v) in enumerate(zip(DAYS, s["views"]))]
    s["unfollows"] = unfollows(rng, posts, s["follows"])
    total, s["followers"] = FOLLOWERS_BEFORE, []
    for f, u in zip(s["follows"], s["unfollows"]):
        total += f - u
        s["followers"].append(total)
    assert s["followers"][-1] == FOLLOWERS_LAST
    s["ig_follows"] = [(1 + poisson(rng, .5)) if rng.random() < (.65 if i in promo else .45) else 0
                       for i in range(N)]
    return s


def unfollows(rng, posts, follows):
    """Unfollows such that the total moves from FOLLOWERS_BEFORE to FOLLOWERS_LAST exactly:
    more while the café is closed (the August dip) and after giveaways (prize hunters leave)."""
    after_giveaway = [0.0] * N
    for p in posts:
        if p.theme.startswith("sorteo"):
            for k in range(1, 22):
                if p.start + k < N:
                    after_giveaway[p.start + k] += 2.5 * .88 ** k
    shape = [1.7 if on_holiday(d) else 1.0 for d in DAYS]
    wanted = sum(follows) - (FOLLOWERS_LAST - FOLLOWERS_BEFORE)
    base = (wanted - sum(after_giveaway)) / sum(shape)
    out = [poisson(rng, base * sh + extra) for sh, extra in zip(shape, after_giveaway)]
    while sum(out) != wanted:
        i = rng.randrange(N)
        if sum(out) < wanted:
            out[i] += 1
        elif out[i] > 0:
            out[i] -= 1
    return out


# ---------------------------------------------------------------------------------------------
# Writers: each reproduces the physical shape of the real export (see module docstring)

def write_bytes(path, data):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def utf16_blocks(blocks):
    """sep=, line, then blocks (each ends with LF) separated by one empty line, final empty line."""
    body = "sep=,\n" + "\n".join(blocks) + "\n"
    return b"\xff\xfe" + body.encode("utf-16-le")


def quoted(cells):
    return ",".join('"' + c.replace('"', '""') + '"' for c in cells)


def chart_block(title, series, first, last, stamp=lambda d: "T00:00:00", skip_zero=False):
    """One titled block of a daily chart file, and what the importer must find in it."""
    rows = [(d, series[day_index(d)]) for d in DAYS if first <= d <= last]
    if skip_zero:
        rows = [(d, v) for d, v in rows if v != 0]
    lines = [quoted([title]), quoted(["Fecha", "Primary"])]
    lines += [quoted([d.isoformat() + stamp(d), str(v)]) for d, v in rows]
    summary = {"title": title, "rows": len(rows), "first": rows[0][0], "last": rows[-1][0],
               "sum": sum(v for _, v in rows)}
    return "".join(line + "\n" for line in lines), summary


def write_charts(out, s):
    old, new = (START, NEWER_FROM - timedelta(1)), (NEWER_FROM, END)
    dst = lambda d: "T01:00:00" if d <= DST_UNTIL else "T00:00:00"
    files = [
        ("Seguidores (1).csv", [("Seguidores de Facebook", "follows", *old, {})]),
        ("Seguidores.csv", [("Seguidores de Facebook", "follows", *new, {}),
                            ("Seguidores de Instagram", "ig_follows", *new, {"skip_zero": True})]),
        ("Visitas (1).csv", [("Visitas de Facebook", "visits", *old, {"stamp": dst})]),
        ("Visitas.csv", [("Visitas de Facebook", "visits", *new, {})]),
        ("Interacciones (1).csv", [("Interacciones con el contenido", "inter", *old, {})]),
        ("Interacciones.csv", [("Interacciones con el contenido", "inter", *new, {})]),
        ("Clics en el enlace (1).csv", [("Clics en el enlace", "links", *old, {})]),
        ("Clics en el enlace.csv", [("Clics en el enlace", "links", *new, {})]),
        ("Impresiones.csv", [("Impresiones", "views", START, VIEWS_FROM - timedelta(1), {})]),
        ("Visualizaciones.csv", [("Visualizaciones", "views", VIEWS_FROM, END, {})]),
        ("Alcance (1).csv", [("Alcance", "reach", *old, {})]),
        ("Alcance.csv", [("Alcance", "reach", NEWER_FROM, VIEWERS_FROM - timedelta(1), {})]),
        ("Espectadores.csv", [("Espectadores", "reach", VIEWERS_FROM, END, {})]),
    ]
    found = []
    for name, specs in files:
        blocks = [chart_block(t, s[m], a, b, **kw) for t, m, a, b, kw in specs]
        write_bytes(out / name, utf16_blocks([b for b, _ in blocks]))
        found.append((name, [summary for _, summary in blocks]))
    return found


def export_date(d):
    """Meta's file-name date, English even in a Spanish UI: Nov-21-2024."""
    return f"{'JanFebMarAprMayJunJulAugSepOctNovDec'[3 * d.month - 3:3 * d.month]}-{d:%d-%Y}"


def range_name(first, last):
    return f"{export_date(first)}_{export_date(last)}"


def write_follower_history(out, s):
    found = []
    for first, last in ((START, NEWER_FROM - timedelta(1)), (NEWER_FROM, END)):
        lines = [quoted(["Fecha", "Seguidores",
                         "Diferencia de seguidores con respecto al día anterior"])]
        for d in DAYS:
            if first <= d <= last:
                i = day_index(d)
                net = s["follows"][i] - s["unfollows"][i]
                lines.append(quoted([f"{d.day} de {MESES[d.month - 1]}",
                                     str(s["followers"][i]), str(net)]))
        name = f"FollowerHistory_{range_name(first, last)}.csv"
        write_bytes(out / name, ("\ufeff" + "\n".join(lines)).encode("utf-8"))
        found.append((name, len(lines) - 1, first, last, s["followers"][day_index(first)],
                      s["followers"][day_index(last)]))
    return found


CONTENT_HEADER = [
    "Identificador de la publicación", "Identificador de la página", "Nombre de la página",
    "Título", "Descripción", "Duración (s)", "Hora de publicación", "Enlace permanente",
    "Es una publicación cruzada", "Es contenido compartido", "Tipo de publicación", "Idiomas",
    "Etiquetas personalizadas", "Estado del contenido financiado", "Comentario de datos", "Fecha",
    "Visualizaciones", "Alcance", "Reacciones, comentarios y veces que se ha compartido",
    "Reacciones", "Comentarios", "Veces que se ha compartido", "Clics totales",
    "Clics en el enlace", "Otros clics", "Segundos reproducidos", "Segundos reproducidos de media"]
ERROR_COMMENT = ("Se produjo un error al calcular los metadatos del contenido con el identificador "
                 "1234567890123456.")


def minimal_csv(cells):
    """Meta's content-export rule: quote a field iff it holds a space, comma, quote or newline."""
    return ",".join('"' + c.replace('"', '""') + '"' if re.search(r'[ ,"\n\r]', c) else c
                    for c in cells)


def decimal(x):
    return f"{x:.3f}".rstrip("0").rstrip(".")


def content_row(p, rng):
    """The 27 cells of one post, from its lifetime metrics as of the export day."""
    pid = str(1_000_000_000_000_000 + p.start * 800_000_000_000
              + (p.when.hour * 60 + p.when.minute) * 550_000_000 + rng.randrange(500_000_000))
    views = p.lifetime("views")
    inter = p.lifetime("inter")
    comment_share, share_share = INTERACTION_SPLIT.get(p.theme, (.12, .08))
    comments, shares = round(inter * comment_share), round(inter * share_share)
    links = p.lifetime("links")
    other = round(views * (.012 if p.kind == "Fotos" else .006) * math.exp(rng.gauss(0, .3)))
    video = p.kind in ("Reels", "Vídeos")
    duration = rng.randrange(12, 76) if p.kind == "Reels" else rng.randrange(30, 181)
    avg = min(duration, 3 + rng.uniform(1, 9)) if video else 0
    return [f"{PAGE_ID}_{pid}", PAGE_ID, PAGE_NAME, p.caption, p.caption if video else "",
            str(duration) if video else "", p.when.strftime("%m/%d/%Y %H:%M"),
            f"https://www.facebook.com/{PAGE_ID}/posts/{pid}",
            "1" if video and rng.random() < .6 else "0", "1" if p.theme == "prensa" else "0",
            p.kind, "", "", "", "", "Total", str(views),
            str(max(1, round(views / rng.uniform(1.25, 1.6)))), str(inter),
            str(inter - comments - shares), str(comments), str(shares), str(links + other),
            str(links) if p.kind == "Enlaces" else "", str(other),
            decimal(views * avg) if video else "", decimal(avg) if video else ""]


def write_content(out, posts, rng):
    """Two yearly exports. The older holds the error row (a post whose metadata Meta failed to
    compute: only its views survive), the newer a ragged row (its 4 empty trailing cells
    omitted). Row order is Meta's: newest first except one old post on top."""
    found = []
    for first, last in ((START, NEWER_FROM - timedelta(1)), (NEWER_FROM, END)):
        mine = [p for p in posts if first <= p.when.date() <= last]
        rows = {id(p): content_row(p, rng) for p in mine}
        older = first == START
        candidates = [p for p in mine if p.theme == ("menu" if older else "aviso")]
        odd = candidates[len(candidates) // 3]
        cells = rows[id(odd)]
        if older:
            rows[id(odd)] = [""] * 14 + [ERROR_COMMENT, "Total", cells[16]] + [""] * 10
        else:   # no clicks, no video: the 4 last cells are empty, so Meta leaves them out
            rows[id(odd)] = cells[:22] + ["0"]
        order = sorted(mine, key=lambda p: p.when, reverse=True)
        order.insert(0, order.pop())
        lines = [minimal_csv(CONTENT_HEADER)]
        for p in order:
            if p is odd:    # physical line: captions before it may span several lines
                odd_line = 1 + sum(line.count("\n") + 1 for line in lines)
            lines.append(minimal_csv(rows[id(p)]))
        name = f"{range_name(first, last)}_{PAGE_ID}.csv"
        write_bytes(out / name, ("\ufeff" + "\n".join(lines) + "\n").encode("utf-8"))
        with_id = [rows[id(p)] for p in mine if rows[id(p)][0]]
        found.append({"name": name, "records": len(mine), "with_id": len(with_id),
                      "odd": "error" if older else "ragged", "odd_line": odd_line,
                      "odd_cells": rows[id(odd)],
                      "views": sum(int(r[16]) for r in rows.values()),
                      "kinds": {k: sum(1 for r in with_id if r[10] == k)
                                for k in ("Fotos", "Reels", "Vídeos", "Enlaces", "Texto")}})
    return found


# Who follows the Page (percent): 25-44 and Madrid, the owner's target, is about a third.
AGE_GENDER = (("18-24", 6.1, 4.2), ("25-34", 18.9, 13.4), ("35-44", 14.6, 10.6),
              ("45-54", 8.9, 6.2), ("55-64", 5.4, 3.6), ("65+", 4.9, 3.2))
COUNTRIES = (("España", 93.1), ("Argentina", 1.1), ("México", .8), ("Colombia", .7),
             ("Francia", .6), ("Italia", .5), ("Portugal", .5), ("Venezuela", .4),
             ("Reino Unido", .3), ("Estados Unidos", .3))
CITIES = tuple((f"{c}, Comunidad de Madrid", v) for c, v in (
    ("Madrid", 58.4), ("Alcalá de Henares", 2.1), ("Getafe", 1.9), ("Leganés", 1.6),
    ("Alcorcón", 1.4), ("Móstoles", 1.3), ("Fuenlabrada", 1.1), ("Pozuelo de Alarcón", .9),
    ("Alcobendas", .9))) + (("Barcelona, Cataluña", .8),)


def write_audience(out):
    """Público_<day>.csv, 2025+ layout: age and sex as a table, countries and cities transposed."""
    ages = AGE_GENDER
    blocks = [quoted(["Edad y sexo"]) + "\n" + quoted(["", "Mujeres", "Hombres"]) + "\n"
              + "".join(quoted([a, decimal(w), decimal(m)]) + "\n" for a, w, m in ages)]
    for title, pairs in (("Principales países", COUNTRIES),
                         ("Principales ciudades", CITIES)):
        blocks.append(quoted([title]) + "\n" + quoted([n for n, _ in pairs]) + "\n"
                      + quoted([decimal(v) for _, v in pairs]) + "\n")
    name = f"Público_{export_date(END)}.csv"
    write_bytes(out / name, utf16_blocks(blocks))
    assert abs(sum(w + m for _, w, m in ages) - 100) < 1e-9
    target_ages = sum(w + m for a, w, m in ages if a in ("25-34", "35-44"))
    madrid = dict(CITIES)["Madrid, Comunidad de Madrid"]
    return name, target_ages, madrid


# ---------------------------------------------------------------------------------------------
# The café's own files: loyalty-card customers, time log, outcomes, goals

FIRST_NAMES = (
    "María", "Lucía", "Carmen", "Ana", "Laura", "Marta", "Sofía", "Paula", "Elena", "Irene",
    "Sara", "Cristina", "Raquel", "Beatriz", "Nerea", "Noelia", "Inés", "Begoña", "Rocío", "Alba",
    "Pilar", "Mónica", "Ángela", "Julia", "Claudia", "Míriam", "Ainhoa", "Verónica", "María José",
    "Ana Belén", "José", "Antonio", "Manuel", "Francisco", "David", "Javier", "Daniel", "Carlos",
    "Álvaro", "Pablo", "Sergio", "Jorge", "Alberto", "Raúl", "Adrián", "Rubén", "Íñigo", "Andrés",
    "Jesús", "Ramón", "Óscar", "Iván", "Hugo", "Martín", "Diego", "Víctor", "Gonzalo", "Joaquín",
    "José Luis", "Juan Carlos")
SURNAMES = (
    "García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
    "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Muñoz", "Álvarez",
    "Romero", "Alonso", "Gutiérrez", "Navarro", "Torres", "Domínguez", "Vázquez", "Ramos", "Gil",
    "Ramírez", "Serrano", "Blanco", "Molina", "Morales", "Suárez", "Ortega", "Delgado", "Castro",
    "Ortiz", "Rubio", "Marín", "Sanz", "Núñez", "Iglesias", "Medina", "Garrido", "Cortés",
    "Castillo", "Santos", "Lozano", "Guerrero", "Cano", "Prieto", "Méndez", "Calvo", "Gallego",
    "Vidal", "León", "Márquez", "Herrera", "Peña", "Cabrera", "Vega", "Fuentes", "Carrasco",
    "Díez", "Caballero", "Nieto", "Pascual", "Herrero", "Montero", "Ibáñez", "Ferrer", "Durán",
    "Benítez", "Crespo", "Pastor", "Sáez", "Velasco", "Soler", "Esteban", "Bravo", "Gallardo")
HOME_CITIES = (("Madrid", 82), ("Alcalá de Henares", 3), ("Getafe", 3), ("Leganés", 2),
               ("Alcorcón", 2), ("Pozuelo de Alarcón", 2), ("Alcobendas", 2), ("Móstoles", 2),
               ("Las Rozas de Madrid", 1), ("Toledo", 1))
CUSTOMERS, DUPLICATES = 637, 13


def fold(s):
    """The importer's normalization: lower case, accents folded, whitespace collapsed."""
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def phone_key(s):
    """Digits only, with the country code 34."""
    digits = re.sub(r"\D", "", s)
    digits = digits[2:] if digits.startswith("00") else digits
    return "34" + digits if len(digits) == 9 else digits


def phone_text(digits, rng):
    a, b, c = digits[:3], digits[3:6], digits[6:]
    return rng.choice((f"+34 {a} {b} {c}", digits, digits, f"0034-{a}-{b}-{c}",
                       f"{a} {b[:2]} {b[2:]}{c[:1]} {c[1:]}", f"+34{digits}"))


def messy_copy(row, rng):
    """The same customer typed again at the till: other case, accents or spacing, phone format."""
    name, email, phone, city = row
    variants = (name.upper(), name.lower(), name.replace(" ", "  ") + " ",
                "".join(c for c in unicodedata.normalize("NFKD", name)
                        if not unicodedata.combining(c)))
    new_name = rng.choice([v for v in variants if v != name])
    new_email = rng.choice((email.upper(), email.capitalize(), " " + email))
    new_phone = phone
    while new_phone == phone:
        new_phone = phone_text(phone_key(phone)[2:], rng)
    return [new_name, new_email, new_phone, rng.choice((city.lower(), city.upper(), city))]


def make_customers(rng):
    rows, seen = [], set()          # seen: normalized keys already used (membership only)
    cities, weights = zip(*HOME_CITIES)
    while len(rows) < CUSTOMERS:
        first = rng.choice(FIRST_NAMES)
        s1, s2 = rng.sample(SURNAMES, 2)
        name = f"{first} {s1} {s2}" if rng.random() < .8 else f"{first} {s1}"
        f, l1, l2 = (fold(x).replace(" ", "") for x in (first, s1, s2))
        user = rng.choice((f"{f}.{l1}", f"{f}{l1}", f"{f[0]}{l1}{l2[0]}",
                           f"{f}.{l1}{rng.randrange(60, 100)}", f"{f}_{l1}"))
        email = f"{user}@{rng.choice(('example.com', 'example.es'))}"
        if rng.random() < .1:
            email = email.capitalize()
        digits = "6" + "".join(str(rng.randrange(10)) for _ in range(8))
        keys = (fold(name), fold(email), phone_key(digits))
        if any(k in seen for k in keys):
            continue
        seen.update(keys)
        rows.append([name, email, phone_text(digits, rng), rng.choices(cities, weights)[0]])
    for original in rng.sample(rows[:CUSTOMERS], DUPLICATES):
        rows.insert(rng.randrange(rows.index(original) + 1, len(rows) + 1),
                    messy_copy(original, rng))
    return rows


def customer_key(row):
    name, email, phone, city = row
    return fold(name), fold(email), phone_key(phone), fold(city)


def make_time_log(rng):
    """Last 90 days but 8 with no entry (the audit falls back to hours_per_day there)."""
    rows, first = [], END - timedelta(89)
    missing = rng.sample(range(90), 8)
    for d in (first + timedelta(i) for i in range(90) if i not in missing):
        quarters = rng.choice((6, 7, 8, 8, 8, 9, 10, 11, 12))      # 1.5 to 3 hours
        parts = 1 + (quarters >= 7) + (quarters >= 10 and rng.random() < .5)
        cuts = sorted(rng.sample(range(1, quarters), parts - 1))
        sizes = [b - a for a, b in zip([0] + cuts, cuts + [quarters])]
        for q, activity in zip(sizes, rng.sample(("posting", "replying", "photos", "stories"),
                                                 parts)):
            person = "Lucía" if activity in ("posting", "replying") else "Marcos"
            rows.append((d, q / 4, activity, person))
    return rows


SHOP_WEEKDAY = (.85, .88, .92, 1.0, 1.08, 1.25, 1.15)
SHOP_MONTH = {1: .9, 8: .85, 12: 1.1}


def make_outcomes(rng, s):
    """Last 365 days, open days only (a closed shop has no till data). Web visits follow the
    Page's link clicks a little; tickets are ~0.8 per visitor, dearer at the weekend brunch."""
    rows = []
    for d in (END - timedelta(364 - i) for i in range(365)):
        if closed(d):
            continue
        wd = d.weekday()
        visitors = min(99, max(40, round(62 * SHOP_WEEKDAY[wd] * SHOP_MONTH.get(d.month, 1)
                                         + rng.gauss(0, 6))))
        web = min(95, max(20, round(33 + .9 * s["links"][day_index(d)] + 8 * (wd in (4, 5))
                                    + rng.gauss(0, 7))))
        sales = round(visitors * rng.uniform(.74, .86))
        ticket = (11.2 if wd >= 5 else 7.6) * math.exp(rng.gauss(0, .06))
        rows.append((d, visitors, web, sales, round(sales * ticket, 2)))
    return rows


def write_plain_csv(path, header, rows):
    lines = [",".join(header)] + [",".join(str(c) for c in row) for row in rows]
    write_bytes(path, ("\n".join(lines) + "\n").encode("utf-8"))


GOALS_TOML = """\
# Objetivos de Café La Esquina, para `pageaudit audit --goals goals.toml`.
# Las líneas que empiezan por # son comentarios: explican cada dato y no cuentan.

page = "100064197037125"     # identificador de nuestra página de Facebook
language = "es"              # idioma del informe: es (español) o en (inglés)

[business]
name = "Café La Esquina"
customers = 1800             # clientes que calculamos tener, más o menos
hourly_cost = 9.5            # lo que cuesta una hora de trabajo dedicada a la página
currency = "EUR"

[effort]
hours_per_day = 2.0          # horas al día dedicadas a la página (vale para los días sin apuntar)

[audience]
stated_target_share = 0.33   # "un tercio" de los seguidores encaja con el cliente que buscamos
target_countries = ["ES"]    # el cliente que buscamos vive en España,
target_cities = ["Madrid"]   # en Madrid,
target_ages = ["25-34", "35-44"]   # y tiene entre 25 y 44 años

[survey]                     # preguntamos en caja: "¿nos sigues en Facebook?"
asked = 120                  # clientes a los que se lo preguntamos
follow = 34                  # cuántos dijeron que sí

# Cada [[goal]] es un objetivo: qué medimos, hasta dónde y para cuándo.
[[goal]]
id = "followers-15k"
objective = "grow_audience"  # crecer en seguidores
metric = "followers"
at_least = 15000
by = "2026-12-31"
why = "el dueño quiere una comunidad más grande"

[[goal]]
id = "followers-30k"
objective = "grow_audience"
metric = "followers"
at_least = 30000
by = "2027-12-31"
why = "después, el doble"
"""

README_MD = """\
# samples/ — Café La Esquina

Demo data for `pageaudit demo`, and the black-box tests' input. Generated by
`scripts/make_samples.py` (fixed seed: re-running it reproduces these bytes); do not edit by hand.
All people, e-mail addresses (example.com / example.es) and phone numbers are made up.

**The story** (SPEC section 1). Café La Esquina, a small café in Madrid, runs its Facebook Page
(id 100064197037125) from a Meta Business Suite account in Spanish. Two years of data,
2024-11-21 .. 2026-11-20: followers grow unevenly from about 8,100 to 9,874 (busier weekends,
four promotions, a slow January 2026, a dip each August while the café closes two weeks).
3-5 posts a week; fewer than 100 shop visitors and 100 web visits a day; Lucía and Marcos spend
about two hours a day on the Page. The owner wants 15,000 followers, then 30,000, guesses that
"a third" of the followers fit the customer the café wants, and has no business goal yet.

Files (formats exactly as Meta writes them; see research/csv-exports.md):

- `exports/` — what the owner downloaded from Meta Business Suite, one file per chart and year,
  named as the browser names repeated downloads (`Visitas.csv` = newer year, `Visitas (1).csv` =
  older year). Daily charts are UTF-16LE + BOM, LF, a `sep=,` line, a title line,
  `"Fecha","Primary"`, every field quoted and a final empty line:
  - `Seguidores*.csv`: new Facebook follows a day; `Seguidores.csv` also holds a
    `Seguidores de Instagram` block whose zero days are omitted (to report, not import);
  - `Visitas*.csv`: Facebook visits; `Visitas (1).csv` stamps `T01:00:00` until 2025-03-08, as
    real exports do around US daylight saving time;
  - `Interacciones*.csv`, `Clics en el enlace*.csv`: content interactions, link clicks;
  - `Impresiones.csv` (to 2025-11-14), then `Visualizaciones.csv`: Meta renamed the metric;
  - `Alcance (1).csv`, `Alcance.csv` (to 2026-06-14), then `Espectadores.csv`: same for reach.
- `exports/FollowerHistory_<from>_<to>.csv` — follower total a day and its difference from the
  day before; dates have no year (`21 de noviembre`), the file name gives it. UTF-8 + BOM, LF,
  all fields quoted, no final newline.
- `exports/<from>_<to>_100064197037125.csv` — the posts and their lifetime metrics, Spanish
  headers; one error row (older file) and one ragged row (newer file), as real exports have.
  UTF-8 + BOM, LF, fields quoted only where needed, captions spanning lines.
- `exports/Público_Nov-20-2026.csv` — followers by age and sex, top countries, top cities
  (percent). UTF-16LE + BOM, `sep=,`, titled blocks.
- `customers.csv` — loyalty-card customers (`nombre,correo,teléfono,ciudad`); a few were typed
  twice with other case, accents, spacing or phone format.
- `time_log.csv` — hours spent on the Page in the last 90 days (`date,hours,activity,person`);
  some days missing.
- `outcomes.csv` — shop visitors, web visits, tickets and revenue in EUR per open day, last 365
  days (`date,visitors,web_visits,sales,revenue`).
- `goals.toml` — the owner's goals and customer profile (SPEC 3.6), commented in Spanish.
- `EXPECTED.md` — what the importer must find in each file, for the tests.
"""


def expected_md(s, charts, history, content, audience, customers, tlog, outcomes):
    """EXPECTED.md: every figure below is computed from the data just written."""
    out = ["# What the importer must find in samples/", "",
           "Generated by `scripts/make_samples.py` from the data it writes; do not edit by hand.",
           "Dates are the date part of each row; sums are of the `Primary` column.", "",
           "## Daily chart files (`exports/`, UTF-16LE)", "",
           "| file | block | title | rows | first | last | sum |", "|---|---|---|---|---|---|---|"]
    for name, blocks in charts:
        for k, b in enumerate(blocks, 1):
            out.append(f"| `{name}` | {k} | {b['title']} | {b['rows']} | {b['first']} | "
                       f"{b['last']} | {b['sum']} |")
    ig = [b for _, blocks in charts for b in blocks if "Instagram" in b["title"]]
    fb_blocks = sum(len(blocks) for _, blocks in charts) - len(ig)
    old_visits = sum(1 for d in DAYS if d <= DST_UNTIL)
    out += ["", f"Facebook blocks to import: {fb_blocks}. Instagram blocks to report, not import: "
            f"{len(ig)} (`Seguidores de Instagram`, {ig[0]['rows']} rows: days with 0 follows "
            "are omitted).",
            f"`Visitas (1).csv` stamps `T01:00:00` on its first {old_visits} rows "
            f"({START}..{DST_UNTIL}) and `T00:00:00` from {DST_UNTIL + timedelta(1)} on.",
            "Every Facebook series covers each day of its range once; together the files cover "
            f"{START}..{END} ({N} days) with no overlap.", "",
            "| series over both years | min | max | sum |", "|---|---|---|---|"]
    for label, key in (("new follows", "follows"), ("unfollows (not exported)", "unfollows"),
                       ("visits", "visits"), ("impressions, then views", "views"),
                       ("reach, then viewers", "reach"), ("content interactions", "inter"),
                       ("link clicks", "links")):
        out.append(f"| {label} | {min(s[key])} | {max(s[key])} | {sum(s[key])} |")
    out += ["", "## Follower history (`exports/`, UTF-8)", "",
            "| file | rows | first | last | followers first day | followers last day |",
            "|---|---|---|---|---|---|"]
    for name, rows, first, last, f0, f1 in history:
        out.append(f"| `{name}` | {rows} | {first} | {last} | {f0} | {f1} |")
    out += ["", f"Followers on {DAYS[0] - timedelta(1)} (not in the files): {FOLLOWERS_BEFORE}. "
            "On every row, Diferencia = followers(day) - followers(day before) = new follows "
            "(chart `Seguidores de Facebook`) - unfollows; unfollows are never negative.",
            "(The one real English FollowerHistory.csv we have puts the next day's change on "
            "each row and 0 on the last; these files use the header's literal meaning.)", "",
            "## Content exports (`exports/`, UTF-8)", "",
            "| file | records | posts with an id | Fotos | Reels | Vídeos | Enlaces | Texto | "
            "sum of Visualizaciones |", "|---|---|---|---|---|---|---|---|---|"]
    for c in content:
        k = c["kinds"]
        out.append(f"| `{c['name']}` | {c['records']} | {c['with_id']} | {k['Fotos']} | "
                   f"{k['Reels']} | {k['Vídeos']} | {k['Enlaces']} | {k['Texto']} | "
                   f"{c['views']} |")
    for c in content:
        cells = c["odd_cells"]
        if c["odd"] == "error":
            out.append(f"\nError row: `{c['name']}` line {c['odd_line']}: no id, no publish time,"
                       f" `Comentario de datos` = `{cells[14]}`, `Visualizaciones` = {cells[16]}."
                       " Skip it and report it.")
        else:
            out.append(f"\nRagged row: `{c['name']}` line {c['odd_line']}: post `{cells[0]}` "
                       f"({cells[10]}, {cells[6]}) has {len(cells)} fields instead of "
                       f"{len(CONTENT_HEADER)}; the last 4 are empty. Pad it and import it.")
    post_views = sum(c["views"] for c in content)
    out += ["", "Lines count physical lines (captions hold newlines); line 1 is the header. "
            "`Fecha` is `Total` on every row; publish times are `MM/DD/YYYY HH:MM`. One caption "
            "holds `<script>alert(1)</script>`.",
            f"Lifetime views of all posts: {post_views}, {post_views / sum(s['views']):.1%} of "
            "the daily views; on no day do the posts' views exceed the Page's.", "",
            f"## Audience (`exports/{audience[0]}`)", "",
            "Blocks `Edad y sexo` (6 rows, columns Mujeres, Hombres), `Principales países` (10) "
            "and `Principales ciudades` (10).",
            f"Followers aged 25-44: {audience[1]:.1f} %; in Madrid: {audience[2]:.1f} %; both, if "
            f"independent: {audience[1] * audience[2] / 100:.1f} % (the owner says 33 %).", "",
            "## customers.csv", ""]
    keys = [customer_key(r) for r in customers]
    distinct = len(dict.fromkeys(keys))
    out += [f"Rows: {len(customers)}. Distinct customers after normalization: {distinct} "
            f"(by name, by e-mail, by phone or by all four fields alike); "
            f"{len(customers) - distinct} rows repeat an earlier customer.", "",
            "## time_log.csv", ""]
    days = sorted(dict.fromkeys(d for d, *_ in tlog))
    hours = sum(h for _, h, *_ in tlog)
    by_person = {p: sum(h for _, h, _, q in tlog if q == p) for p in ("Lucía", "Marcos")}
    out += [f"Rows: {len(tlog)}, covering {len(days)} of the 90 days {END - timedelta(89)}.."
            f"{END}; {90 - len(days)} days have no entry. Total hours: {decimal(hours)} "
            f"(Lucía {decimal(by_person['Lucía'])}, Marcos {decimal(by_person['Marcos'])}); "
            "with the missing days at hours_per_day = 2.0: "
            f"{decimal(hours + 2 * (90 - len(days)))}.",
            "", "## outcomes.csv", "",
            f"Rows: {len(outcomes)}, {outcomes[0][0]}..{outcomes[-1][0]}; the 365 - "
            f"{len(outcomes)} = {365 - len(outcomes)} days the café was closed have no row. "
            f"Sums: visitors {sum(r[1] for r in outcomes)}, web_visits "
            f"{sum(r[2] for r in outcomes)}, sales {sum(r[3] for r in outcomes)}, revenue "
            f"{sum(round(r[4] * 100) for r in outcomes) / 100:.2f}.", "",
            "## goals.toml", "",
            "Two goals, `followers-15k` (at_least 15000 by 2026-12-31) and `followers-30k` "
            "(at_least 30000 by 2027-12-31), both grow_audience on followers: no business goal, "
            "and no bound on effort.", ""]
    return "\n".join(out)


def main():
    root = (Path(sys.argv[1]) if len(sys.argv) > 1
            else Path(__file__).resolve().parent.parent / "samples")
    stream = lambda name: random.Random(f"{SEED}:{name}")   # one stream per part: stable output
    posts = schedule_posts(stream("posts"))
    s = build_series(stream("series"), posts)
    exports = root / "exports"
    charts = write_charts(exports, s)
    history = write_follower_history(exports, s)
    content = write_content(exports, posts, stream("content"))
    audience = write_audience(exports)
    customers = make_customers(stream("customers"))
    write_plain_csv(root / "customers.csv", ("nombre", "correo", "teléfono", "ciudad"),
                    customers)
    tlog = make_time_log(stream("time"))
    write_plain_csv(root / "time_log.csv", ("date", "hours", "activity", "person"),
                    [(d, decimal(h), a, p) for d, h, a, p in tlog])
    outcomes = make_outcomes(stream("outcomes"), s)
    write_plain_csv(root / "outcomes.csv", ("date", "visitors", "web_visits", "sales", "revenue"),
                    [(d, v, w, n, f"{r:.2f}") for d, v, w, n, r in outcomes])
    write_bytes(root / "goals.toml", GOALS_TOML.encode("utf-8"))
    write_bytes(root / "README.md", README_MD.encode("utf-8"))
    expected = expected_md(s, charts, history, content, audience, customers, tlog, outcomes)
    write_bytes(root / "EXPECTED.md", expected.encode("utf-8"))
    print(expected, end="")


if __name__ == "__main__":
    main()
