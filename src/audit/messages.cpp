// The message table: every sentence the audit writes, in English and Spanish side by side.
#include "pageaudit/audit/messages.h"

#include <algorithm>
#include <cmath>

namespace pageaudit {
namespace {

// One row per key with both languages next to each other, so a text cannot be added in one
// language and forgotten in the other. Keys are stable: reports and tests refer to them.
struct Entry {
  std::string_view key;
  std::string_view en;
  std::string_view es;
};

constexpr Entry k_messages[] = {
    // Lint: the audit of the goals themselves (rule ids are the part after "lint.").
    {"lint.vanity-round-target",
     "goal \"{goal}\": {bound} {metric} is a round number. Does anyone care if the Page reaches "
     "{bound}? Is {bound} worth more to you or your customers than {bound_less}? If you reach it, "
     "what is the direct effect on the business?",
     "meta \"{goal}\": {bound} {metric} es un número redondo. ¿A alguien le importa que la Página "
     "llegue a {bound}? ¿Vale {bound} más para ti o para tus clientes que {bound_less}? Si lo "
     "alcanzas, ¿qué efecto directo tiene en el negocio?"},
    {"lint.no-objective", "goal \"{goal}\" has no objective: what is it for?",
     "la meta \"{goal}\" no tiene objetivo: ¿para qué sirve?"},
    {"lint.no-deadline", "goal \"{goal}\" has no deadline: by when?",
     "la meta \"{goal}\" no tiene fecha límite: ¿para cuándo?"},
    {"lint.objective-mismatch",
     "goal \"{goal}\": {metric} does not measure {objective}; metrics that would: {fitting}",
     "meta \"{goal}\": {metric} no mide {objective}; métricas que sí lo miden: {fitting}"},
    {"lint.no-business-goal",
     "no goal measures customers, useful followers, replies or a business outcome: how will you "
     "know whether the Page helps the business?",
     "ninguna meta mide clientes, seguidores útiles, respuestas ni un resultado del negocio: "
     "¿cómo sabrás si la Página ayuda al negocio?"},
    {"lint.effort-unbounded",
     "{hours} hours went into the Page in the last {days} days, but no goal bounds the hours or "
     "the cost per useful follower",
     "se dedicaron {hours} horas a la Página en los últimos {days} días, pero ninguna meta limita "
     "las horas ni el coste por seguidor útil"},

    // Data quality notes (ids are the part after "dq.").
    {"dq.no-follower-data",
     "there is no follower count for this Page up to {as_of}: import a follower export or run "
     "pageaudit pull",
     "no hay ningún recuento de seguidores de esta Página hasta el {as_of}: importa una "
     "exportación de seguidores o ejecuta pageaudit pull"},
    {"dq.follower-gaps",
     "{missing} of the {days} days from {from} to {to} have no follower count (the first is "
     "{first})",
     "{missing} de los {days} días del {from} al {to} no tienen recuento de seguidores (el "
     "primero, {first})"},
    {"dq.stale-audit-day",
     "the newest follower count is from {last}, {days} days before the audit day {as_of}",
     "el recuento de seguidores más reciente es del {last}, {days} días antes del día de la "
     "auditoría ({as_of})"},
    {"dq.stale-store",
     "the newest follower count is from {last}, {days} days ago: run pageaudit pull or import a "
     "newer export",
     "el recuento de seguidores más reciente es del {last}, hace {days} días: ejecuta pageaudit "
     "pull o importa una exportación más reciente"},
    {"dq.series-break-views",
     "views replaced impressions on 2025-11-15 and are counted differently: compare views only "
     "with views",
     "las visualizaciones sustituyeron a las impresiones el 2025-11-15 y se cuentan de otra "
     "forma: compara visualizaciones solo con visualizaciones"},
    {"dq.series-break-viewers",
     "viewers replaced reach on 2026-06-15 and are counted differently: compare viewers only with "
     "viewers",
     "los espectadores sustituyeron al alcance el 2026-06-15 y se cuentan de otra forma: compara "
     "espectadores solo con espectadores"},
    {"dq.small-survey",
     "the survey asked only {n} customers: with fewer than 100 answers the customer estimate is "
     "rough",
     "la encuesta solo preguntó a {n} clientes: con menos de 100 respuestas la estimación de "
     "clientes es aproximada"},
    {"dq.few-commenters",
     "only {n} people commented in the window: at least 30 are needed to match them against the "
     "customer list",
     "solo {n} personas comentaron en el periodo: hacen falta al menos 30 para cruzarlas con la "
     "lista de clientes"},
    {"dq.survey-without-customers",
     "the survey cannot be turned into customer followers: give business.customers in the goals "
     "file or import the customer list",
     "la encuesta no se puede convertir en seguidores clientes: indica business.customers en el "
     "archivo de metas o importa la lista de clientes"},

    // Why a figure is null (ids are the part after "reason.").
    {"reason.no-follower-data", "no follower count on the audit day",
     "no hay recuento de seguidores el día de la auditoría"},
    {"reason.no-target-share",
     "no audience breakdown for the target profile and no audience.stated_target_share",
     "no hay desglose de audiencia para el perfil buscado ni audience.stated_target_share"},
    {"reason.no-useful-followers", "no follower fits the target profile",
     "ningún seguidor encaja en el perfil buscado"},
    {"reason.no-effort-data", "no time log and no effort.hours_per_day",
     "no hay registro de horas ni effort.hours_per_day"},
    {"reason.no-hourly-cost", "no business.hourly_cost", "falta business.hourly_cost"},
    {"reason.no-net-change", "the follower count at the start or the end of the window is missing",
     "falta el recuento de seguidores al principio o al final del periodo"},
    {"reason.no-net-growth", "the Page did not grow over the window",
     "la Página no creció en el periodo"},
    {"reason.no-data-window", "no data for the window's days",
     "no hay datos de los días del periodo"},
    {"reason.no-viewers-window",
     "Meta counts viewers per period, and the store has no {days}-day count ending on the audit "
     "day",
     "Meta cuenta los espectadores por periodo y el almacén no tiene el recuento de {days} días "
     "que acaba el día de la auditoría"},
    {"reason.no-posts", "no post data (import a content export or run pageaudit pull)",
     "no hay datos de publicaciones (importa una exportación de contenido o ejecuta pageaudit "
     "pull)"},
    {"reason.no-comments", "no comment data (comments come from pageaudit pull)",
     "no hay datos de comentarios (los comentarios llegan con pageaudit pull)"},
    {"reason.no-replies", "no visitor's comment in the window got a reply from the Page",
     "ningún comentario de un visitante en el periodo recibió respuesta de la Página"},
    {"reason.no-customer-estimate",
     "nothing to estimate from (ask customers at the till whether they follow the Page in a "
     "[survey], import the customer list and pull comments, or give "
     "audience.stated_customer_share)",
     "no hay de dónde estimarlo (pregunta en caja a los clientes si siguen la Página en una "
     "[survey], importa la lista de clientes y trae los comentarios con pull, o indica "
     "audience.stated_customer_share)"},
    {"reason.no-outcome",
     "no {name} values for the window's days (import them with pageaudit import --as outcomes)",
     "no hay valores de {name} en los días del periodo (impórtalos con pageaudit import --as "
     "outcomes)"},

    // The text and Markdown reports: headings, labels and the sentences around the figures.
    {"report.title", "Audit of {name}", "Auditoría de {name}"},
    {"report.subtitle", "Facebook Page {page} · as of {as_of} · the last {days} days, {from} to {to}",
     "Página de Facebook {page} · a {as_of} · los últimos {days} días, del {from} al {to}"},
    {"report.section.where", "Where we are", "Dónde estamos"},
    {"report.section.effort", "What the effort costs", "Lo que cuesta el esfuerzo"},
    {"report.section.who", "Who the followers are", "Quiénes son los seguidores"},
    {"report.section.goals", "Goals", "Metas"},
    {"report.section.questions", "Questions the goals raise", "Preguntas que plantean las metas"},
    {"report.section.data", "Data quality", "Calidad de los datos"},
    {"report.followers", "Followers", "Seguidores"},
    {"report.net-change", "Net change", "Cambio neto"},
    {"report.trend", "Trend", "Tendencia"},
    {"report.views", "Views", "Visualizaciones"},
    {"report.viewers", "Viewers", "Espectadores"},
    {"report.engagements", "Engagements", "Interacciones"},
    {"report.page-visits", "Page visits", "Visitas a la Página"},
    {"report.posts", "Posts", "Publicaciones"},
    {"report.comments", "Comments", "Comentarios"},
    {"report.engagers", "People who commented", "Personas que comentaron"},
    {"report.reply-hours", "Reply time (median)", "Tiempo de respuesta (mediana)"},
    {"report.outcome", "Outcome: {name}", "Resultado: {name}"},
    {"report.hours", "Hours", "Horas"},
    {"report.cost", "Cost", "Coste"},
    {"report.hours-per-useful", "Hours per useful follower", "Horas por seguidor útil"},
    {"report.hours-per-new-useful", "Hours per new useful follower",
     "Horas por nuevo seguidor útil"},
    {"report.cost-per-useful", "Cost per useful follower", "Coste por seguidor útil"},
    {"report.customer-followers", "Customers who follow", "Clientes que siguen la Página"},
    {"report.useful-followers", "Useful followers", "Seguidores útiles"},
    {"report.no-value", "no value: {reason}", "sin valor: {reason}"},
    {"report.in-window", "{label} in {days} days", "{label} en {days} días"},
    {"report.per-day", "{value} a day", "{value} al día"},
    {"report.of-views", "{value} ({rate} of views)", "{value} ({rate} de las visualizaciones)"},
    {"report.of-followers", "{value} ({share} of followers)", "{value} ({share} de los seguidores)"},
    {"report.hours-value", "{value} hours", "{value} horas"},
    {"report.effort.log", "from the time log", "según el registro de horas"},
    {"report.effort.stated", "stated: {hours} hours a day (no time log covers these days)",
     "declaradas: {hours} horas al día (ningún registro de horas cubre estos días)"},
    {"report.effort.mixed",
     "time log on {logged} days; {hours} hours a day stated for the other {stated}",
     "registro de horas en {logged} días; {hours} horas al día declaradas para los otros "
     "{stated}"},
    {"report.cost.rate", "at {rate} an hour", "a {rate} la hora"},
    {"report.customers.survey",
     "survey: {follow} of the {asked} customers asked follow the Page ({p}), applied to {base}",
     "encuesta: {follow} de los {asked} clientes preguntados siguen la Página ({p}), aplicado a "
     "{base}"},
    {"report.customers.base-stated", "{n} customers (business.customers)",
     "{n} clientes (business.customers)"},
    {"report.customers.base-imported", "the {n} customers on the imported list",
     "los {n} clientes de la lista importada"},
    {"report.customers.match",
     "match: {matched} of the {n} people who commented in the window are on the customer list",
     "cruce: {matched} de las {n} personas que comentaron en el periodo están en la lista de "
     "clientes"},
    {"report.customers.biased",
     "biased: people who comment are not a random sample of the followers",
     "sesgado: quienes comentan no son una muestra al azar de los seguidores"},
    {"report.customers.stated", "stated: the owner's estimate (audience.stated_customer_share)",
     "declarado: la estimación del dueño (audience.stated_customer_share)"},
    {"report.customers.interval",
     "95% interval: {low} to {high} of followers ({low_n} to {high_n} people)",
     "intervalo del 95 %: del {low} al {high} de los seguidores (de {low_n} a {high_n} personas)"},
    {"report.customers.other", "also {value} by {method}", "también {value} por {method}"},
    {"report.method.survey", "survey", "encuesta"},
    {"report.method.match", "match", "cruce"},
    {"report.method.stated", "the owner's estimate", "la estimación del dueño"},
    {"report.useful.audience",
     "measured: Meta's audience breakdown by {dimensions}, restricted to the target profile "
     "({targets})",
     "medido: el desglose de audiencia de Meta por {dimensions}, restringido al perfil buscado "
     "({targets})"},
    {"report.useful.independent", "place and age taken as independent",
     "lugar y edad se toman como independientes"},
    {"report.useful.stated",
     "stated: the owner's estimate (audience.stated_target_share); import Meta's Audience export "
     "to measure it",
     "declarado: la estimación del dueño (audience.stated_target_share); importa la exportación "
     "de Público de Meta para medirlo"},
    {"report.useful.owner-guess", "the owner's estimate was {share}",
     "el dueño lo estimaba en {share}"},
    {"report.dimension.city", "city", "ciudad"},
    {"report.dimension.country", "country", "país"},
    {"report.dimension.age", "age", "edad"},
    {"report.and", "and", "y"},
    {"report.goal.at_least", "{metric} at least {bound}", "{metric} al menos {bound}"},
    {"report.goal.at_most", "{metric} at most {bound}", "{metric} como mucho {bound}"},
    {"report.goal.by", "by {date}", "para el {date}"},
    {"report.goal.no-deadline", "no deadline", "sin fecha límite"},
    {"report.goal.status", "Status", "Estado"},
    {"report.goal.current", "Current", "Valor actual"},
    {"report.goal.projected", "Projected", "Previsto"},
    {"report.goal.required", "Required per day", "Necesario al día"},
    {"report.goal.projected-date", "Projected date", "Fecha prevista"},
    {"report.goal.objective", "Objective", "Objetivo"},
    {"report.goal.why", "Why", "Por qué"},
    {"report.goal.questions", "Questions", "Preguntas"},
    {"report.goal.on-day", "{value} on {date}", "{value} el {date}"},
    {"report.goal.deadline-passed", "none: the deadline has passed",
     "ninguno: la fecha límite ya pasó"},
    {"report.goal.when-reached", "when the window's trend reaches {bound}",
     "cuando la tendencia del periodo llega a {bound}"},
    {"report.goal.not-reached", "not reached along the window's trend",
     "no se alcanza con la tendencia del periodo"},
    {"report.goal.no-projection", "no projection: the metric has no daily trend",
     "sin proyección: la métrica no tiene tendencia diaria"},
    {"report.goal.see-questions", "{rules} (see below)", "{rules} (ver más abajo)"},
    {"report.goals.none",
     "No goals are loaded for this Page. Write a goals file (samples/goals.toml is an example) and "
     "run: pageaudit audit --goals FILE",
     "No hay metas cargadas para esta Página. Escribe un archivo de metas (samples/goals.toml es "
     "un ejemplo) y ejecuta: pageaudit audit --goals ARCHIVO"},
    {"report.questions.none",
     "None: every goal has an objective, a deadline and a purpose for the business.",
     "Ninguna: cada meta tiene un objetivo, una fecha límite y un propósito para el negocio."},
    {"report.data.none", "No notes: the figures rest on complete, current data.",
     "Sin observaciones: las cifras se apoyan en datos completos y recientes."},
    {"status.met", "met", "cumplida"},
    {"status.on_track", "on track", "en camino"},
    {"status.behind", "behind", "con retraso"},
    {"status.missed", "missed", "incumplida"},
    {"status.no_data", "no data", "sin datos"},
    {"objective.none", "none given", "sin indicar"},
    {"objective.loyalty", "keep customers loyal", "fidelizar a los clientes"},
    {"objective.acquisition", "win new customers", "captar clientes nuevos"},
    {"objective.new_market", "enter a new line of business", "entrar en un nuevo negocio"},
    {"objective.brand_image", "brand image", "imagen de marca"},
    {"objective.customer_service", "customer service", "atención al cliente"},
    {"objective.product_feedback", "product feedback", "opiniones sobre el producto"},
    {"objective.online_sales", "sell online", "vender en línea"},
    {"objective.community", "build a community", "crear comunidad"},
    {"objective.grow_audience", "grow the audience", "crecer en audiencia"},
    {"objective.other", "other", "otro"},

    // The HTML report: its charts and the goal table (the rest is the text report's).
    {"html.chart.followers", "Daily followers", "Seguidores por día"},
    {"html.chart.followers.goal", "goal {goal}: {bound}", "meta {goal}: {bound}"},
    {"html.chart.followers.trend", "trend of {goal} to {date}",
     "tendencia de {goal} hasta el {date}"},
    {"html.chart.effort", "Effort and growth per week", "Esfuerzo y crecimiento por semana"},
    {"html.chart.hours-week", "Hours per week", "Horas por semana"},
    {"html.chart.net-week", "Net new followers per week", "Seguidores netos nuevos por semana"},
    {"html.chart.useful-week", "Net new useful followers per week",
     "Seguidores útiles netos nuevos por semana"},
    {"html.chart.reach", "Views and engagements per week",
     "Visualizaciones e interacciones por semana"},
    {"html.chart.impressions", "Impressions (retired metric)", "Impresiones (métrica retirada)"},
    {"html.chart.reach-old", "Reach (retired metric)", "Alcance (métrica retirada)"},
    {"html.chart.break-views", "impressions → views", "impresiones → visualizaciones"},
    {"html.chart.break-viewers", "reach → viewers", "alcance → espectadores"},
    {"html.chart.customers", "Followers who are customers, by method, with the 95% interval",
     "Seguidores que son clientes, por método, con el intervalo del 95 %"},
    {"html.chart.people", "People", "Personas"},
    {"html.chart.per-week", "Per week", "Por semana"},
    {"html.chart.date", "Date", "Fecha"},
    {"html.chart.week-ending", "Week ending", "Semana que termina el"},
    {"html.chart.no-data", "No data to draw.", "No hay datos que dibujar."},
    {"html.table.goals", "The goals at a glance", "Las metas de un vistazo"},
    {"html.table.goal", "Goal", "Meta"},
    {"month.1", "Jan", "ene"},
    {"month.2", "Feb", "feb"},
    {"month.3", "Mar", "mar"},
    {"month.4", "Apr", "abr"},
    {"month.5", "May", "may"},
    {"month.6", "Jun", "jun"},
    {"month.7", "Jul", "jul"},
    {"month.8", "Aug", "ago"},
    {"month.9", "Sep", "sept"},
    {"month.10", "Oct", "oct"},
    {"month.11", "Nov", "nov"},
    {"month.12", "Dec", "dic"},
};

}  // namespace

std::optional<Language> parse_language(std::string_view code) {
  if (code == "en") return Language::en;
  if (code == "es") return Language::es;
  return std::nullopt;
}

std::string_view language_code(Language language) {
  return language == Language::es ? "es" : "en";
}

std::string_view message_text(Language language, std::string_view key) {
  const auto* it = std::find_if(std::begin(k_messages), std::end(k_messages),
                                [&](const Entry& e) { return e.key == key; });
  if (it == std::end(k_messages)) return key;
  return language == Language::es ? it->es : it->en;
}

std::string format_count(long long value, Language language) {
  std::string digits = std::to_string(value < 0 ? -static_cast<unsigned long long>(value)
                                                : static_cast<unsigned long long>(value));
  const char separator = language == Language::es ? '.' : ',';
  // Grouped from four digits in both languages: the RAE leaves 9874 ungrouped, but owners read
  // figures as their bank and their till print them, 9.874 (and the reports ask for it).
  const size_t min_grouped = 4;
  std::string out;
  if (digits.size() >= min_grouped) {
    for (size_t i = 0; i < digits.size(); ++i) {
      if (i > 0 && (digits.size() - i) % 3 == 0) out += separator;
      out += digits[i];
    }
  } else {
    out = digits;
  }
  return value < 0 ? "-" + out : out;
}

namespace {

std::string format_rounded(double value, int decimals, bool keep_zeros, Language language) {
  const double scale = std::pow(10.0, decimals);
  const long long scaled = std::llround(std::fabs(value) * scale);
  const long long whole = scaled / static_cast<long long>(scale);
  std::string fraction =
      decimals > 0 ? fmt::format("{:0{}}", scaled % static_cast<long long>(scale), decimals) : "";
  while (!keep_zeros && !fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = format_count(whole, language);
  if (!fraction.empty()) out += (language == Language::es ? ',' : '.') + fraction;
  return scaled != 0 && value < 0 ? "-" + out : out;
}

}  // namespace

std::string format_decimal(double value, int decimals, Language language) {
  return format_rounded(value, decimals, false, language);
}

std::string format_fixed(double value, int decimals, Language language) {
  return format_rounded(value, decimals, true, language);
}

std::string format_significant(double value, Language language) {
  if (value == 0) return "0";
  const int integer_digits = static_cast<int>(std::floor(std::log10(std::fabs(value)))) + 1;
  return format_decimal(value, std::max(0, 3 - integer_digits), language);
}

std::string format_percent(double share, int decimals, Language language) {
  const std::string number = format_decimal(share * 100, decimals, language);
  return language == Language::es ? number + " %" : number + "%";
}

std::string format_date(Date day, Language language) {
  static constexpr std::string_view k_en[] = {"January", "February", "March",     "April",
                                              "May",     "June",     "July",      "August",
                                              "September", "October", "November", "December"};
  static constexpr std::string_view k_es[] = {"enero",  "febrero", "marzo",      "abril",
                                              "mayo",   "junio",   "julio",      "agosto",
                                              "septiembre", "octubre", "noviembre", "diciembre"};
  const size_t month = static_cast<size_t>(day.month() - 1);
  if (language == Language::es) {
    return fmt::format("{} de {} de {}", day.day(), k_es[month], day.year());
  }
  return fmt::format("{} {} {}", day.day(), k_en[month], day.year());
}

}  // namespace pageaudit
