// The café of SPEC section 1 as audit input, with the numbers of the SPEC's JSON example.
#pragma once

#include "pageaudit/audit/figures.h"
#include "values.h"

namespace pageaudit::test {

// As of 2026-11-20 with a 28-day window (2026-10-24 .. 2026-11-20, inclusive):
// - followers 9564 on 2026-10-23, the day before the window; then 9577 + 11 * i on the window's
//   day i (i = 0 .. 27), so 9874 on 2026-11-20: net change 310, trend exactly 11 a day.
// - no time log, 2 h a day stated, 9.5 an hour: 56 hours, 532.
// - survey 34 of 120 of 1800 customers; stated target share 0.33.
// - one goal: followers at least 15000 by 2026-12-31, objective grow_audience.
inline AuditInput spec_example() {
  AuditInput in;
  in.as_of = day("2026-11-20");
  in.window_days = 28;
  in.today = day("2026-11-21");
  in.page_id = "100064197037125";
  in.page_name = "Café La Esquina";
  in.series_breaks = {day("2025-11-15"), day("2026-06-15")};  // as sql/ has them
  in.followers[day("2026-10-23")] = 9564;
  for (int i = 0; i < 28; ++i) in.followers[day("2026-10-24") + i] = 9577 + 11 * i;

  Goals& g = in.goals;
  g.business.name = "Café La Esquina";
  g.business.customers = 1800;
  g.business.hourly_cost = 9.5;
  g.business.currency = "EUR";
  g.effort.hours_per_day = 2.0;
  g.audience.stated_target_share = 0.33;
  g.survey = Survey{120, 34};
  Goal goal;
  goal.id = "followers-15k";
  goal.objective = Objective::grow_audience;
  goal.metric = "followers";
  goal.bound = Bound{Bound::Kind::at_least, 15000};
  goal.by = day("2026-12-31");
  goal.why = "the owner wants a bigger community";
  goal.line = 24;
  g.goals.push_back(goal);
  return in;
}

}  // namespace pageaudit::test
