# Writes tests/monitoring/detection/fixtures/improved_auto.csv: R surveillance farringtonFlexible
# with the improved settings auto uses (ADR 0470) for b = 1, 2, 3 on a seeded weekly series
# (noPeriods 10, pastWeeksNotIncluded 26) and a seeded monthly series (noPeriods 4,
# pastWeeksNotIncluded 6), nbPlugin threshold, limit54 off. Run: Rscript scripts/r/make_improved_fixture.R
suppressMessages(library(surveillance))
out <- data.frame()
set.seed(3)
for (freq in c(52, 12)) {
  n <- if (freq == 52) 3 * 52 + 10 else 8 * 12
  t <- 1:n
  y <- rnbinom(n, size = 4, mu = 3 * exp(0.3 * cos(2 * pi * t / freq)))
  y[n - 1] <- y[n - 1] + 8
  epoch <- if (freq == 52) as.Date("2015-01-05") + 7 * (t - 1) else seq(as.Date("2015-01-01"), by = "1 month", length.out = n)
  s <- sts(observed = y, epoch = epoch, frequency = freq, epochAsDate = TRUE)
  np <- if (freq == 52) 10 else 4
  pw <- if (freq == 52) 26 else 6
  for (b in 1:3) {
    first <- freq * b + 4
    if (first > n) next
    r <- tryCatch(farringtonFlexible(s, control = list(b = b, noPeriods = np,
      pastWeeksNotIncluded = pw, thresholdMethod = "nbPlugin", limit54 = c(0, 4),
      range = first:n)), error = function(e) NULL)
    if (is.null(r)) next  # R 1.20 stops ("contrasts ... 2 or more levels") on monthly b = 1
    up <- rep(NA, n); al <- rep(NA, n)
    up[first:n] <- r@upperbound[, 1]; al[first:n] <- r@alarm[, 1]
    out <- rbind(out, data.frame(frequency = freq, b = b, position = t, date = format(epoch),
      observed = y, upper = up, alarm = as.integer(al)))
  }
}
write.csv(out, "tests/monitoring/detection/fixtures/improved_auto.csv", row.names = FALSE, na = "")
