#!/usr/bin/env python3
"""Writes a wide classic Page Insights export (Page level) and the same values in long format.

usage: gen_wide_export.py DAYS WIDE.csv [LONG.csv]

Each day row holds 1,370 values: 10 single-value metrics and 1,360 'Lifetime Likes by City - <city>'
breakdown columns, as the classic export flattens multi-value metrics. 730 days = 1,000,100 values.
The long file has one line per value (page_id,metric,period,date,dimension,key,value): the shape
sqlite3's .import loads into a table equivalent to the store's.
"""
import datetime
import random
import sys

SINGLE = [("Lifetime Total Likes", "page_fans", "lifetime"),
          ("Daily New Likes", "page_fan_adds_unique", "day"),
          ("Daily Unlikes", "page_fan_removes_unique", "day"),
          ("Daily Page Engaged Users", "page_engaged_users", "day"),
          ("Weekly Page Engaged Users", "page_engaged_users", "week"),
          ("28 Days Page Engaged Users", "page_engaged_users", "days_28"),
          ("Daily Total Reach", "page_impressions_unique", "day"),
          ("Weekly Total Reach", "page_impressions_unique", "week"),
          ("Daily Total Impressions", "page_impressions", "day"),
          ("Weekly Total Impressions", "page_impressions", "week")]
CITIES = 1360


def main():
    days, wide_path = int(sys.argv[1]), sys.argv[2]
    long_path = sys.argv[3] if len(sys.argv) > 3 else None
    rng = random.Random(7)
    cities = [f"City {i:04d}, Region {i % 17}, Spain" for i in range(CITIES)]
    start = datetime.date(2000, 1, 1)
    with open(wide_path, "w", encoding="utf-8", newline="") as wide:
        wide.write("Date," + ",".join(t for t, _, _ in SINGLE) + "," +
                   ",".join(f'"Lifetime Likes by City - {c}"' for c in cities) + "\r\n")
        wide.write("," + ",".join("Lifetime: description" for _ in SINGLE) + "," +
                   ",".join("Lifetime: description" if i == 0 else "" for i in range(CITIES)) + "\r\n")
        long = open(long_path, "w", encoding="utf-8", newline="") if long_path else None
        if long:
            long.write("page_id,metric,period,date,dimension,key,value\n")
        for d in range(days):
            day = start + datetime.timedelta(days=d)
            values = [rng.randint(0, 5000) for _ in range(len(SINGLE) + CITIES)]
            wide.write(f"{day.month}/{day.day}/{day.year}," + ",".join(map(str, values)) + "\r\n")
            if long:
                iso = day.isoformat()
                lines = [f"1,{m},{p},{iso},,,{v}" for (_, m, p), v in zip(SINGLE, values)]
                lines += [f'1,page_fans_city,lifetime,{iso},city,"{c}",{v}'
                          for c, v in zip(cities, values[len(SINGLE):])]
                long.write("\n".join(lines) + "\n")
        if long:
            long.close()


if __name__ == "__main__":
    main()
