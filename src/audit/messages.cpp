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
  const size_t min_grouped = language == Language::es ? 5 : 4;
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

std::string format_decimal(double value, int decimals, Language language) {
  const double scale = std::pow(10.0, decimals);
  const long long scaled = std::llround(std::fabs(value) * scale);
  const long long whole = scaled / static_cast<long long>(scale);
  std::string fraction = fmt::format("{:0{}}", scaled % static_cast<long long>(scale), decimals);
  while (!fraction.empty() && fraction.back() == '0') fraction.pop_back();
  std::string out = format_count(whole, language);
  if (!fraction.empty()) out += (language == Language::es ? ',' : '.') + fraction;
  return scaled != 0 && value < 0 ? "-" + out : out;
}

}  // namespace pageaudit
