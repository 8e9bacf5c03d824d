# Reference outputs of R `surveillance` for the Python detection engine's conformance tests.
#
# Regenerate (from the repository root; needs R with the Debian packages r-cran-surveillance,
# which brings jsonlite and MASS):
#
#     Rscript scripts/r/make_detection_fixtures.R
#
# It writes one JSON file per series to tests/monitoring/detection/fixtures/ (overwriting them).
# Each file holds the input (observed counts, dates or null, frequency) and a list of `runs`:
# the R call (method + control), the 1-based `range` judged, and R's upperbound, alarm and,
# where R reports one, expected. Numbers are rounded to 8 significant digits. Output is
# deterministic (seeded RNG). Written against surveillance 1.20.3 (Debian bookworm).

suppressMessages({
  library(surveillance)
  library(jsonlite)
})

out_dir <- file.path("tests", "monitoring", "detection", "fixtures")
dir.create(out_dir, recursive = TRUE, showWarnings = FALSE)
n_judged_weekly <- 104
n_judged_monthly <- 36
short_b_series <- c("syn_weekly_zero_heavy", "syn_monthly", "salmNewport_Bavaria", "ha_sts_total")

# ---- synthetic series ------------------------------------------------------------------------
set.seed(20261120)
synthetic_weekly <- function(n, base, amp, slope, size, outbreaks = integer(0), extra = 0) {
  t <- seq_len(n)
  mu <- exp(log(base) + amp * cos(2 * pi * (t - 28) / 52) + slope * t / 52)
  y <- rnbinom(n, mu = mu, size = size)
  y[outbreaks] <- y[outbreaks] + extra
  y
}
weekly_dates <- seq(as.Date("2015-01-05"), by = "week", length.out = 520)
monthly_dates <- seq(as.Date("2012-01-01"), by = "month", length.out = 144)

series <- list(
  list(name = "syn_weekly_seasonal", freq = 52, dates = weekly_dates,
       y = synthetic_weekly(520, 4, 0.5, 0, 5, outbreaks = c(470:472, 500:501), extra = 9)),
  list(name = "syn_weekly_trend", freq = 52, dates = weekly_dates,
       y = synthetic_weekly(520, 1.5, 0.3, 0.12, 3, outbreaks = c(480:482), extra = 8)),
  list(name = "syn_weekly_zero_heavy", freq = 52, dates = weekly_dates,
       y = synthetic_weekly(520, 0.3, 0.4, 0, 1, outbreaks = c(490:492), extra = 4)),
  list(name = "syn_weekly_no_dates", freq = 52, dates = NULL,
       y = synthetic_weekly(400, 6, 0.4, 0.02, 10, outbreaks = c(380:381), extra = 12))
)
tm <- seq_len(144)
mu_m <- exp(log(12) + 0.4 * cos(2 * pi * (tm - 7) / 12) + 0.03 * tm / 12)
y_m <- rnbinom(144, mu = mu_m, size = 8)
y_m[c(130, 131)] <- y_m[c(130, 131)] + 20
series[[length(series) + 1]] <- list(name = "syn_monthly", freq = 12, dates = monthly_dates,
                                     y = y_m)

# ---- real data shipped with the package ------------------------------------------------------
data(salmNewport)
for (region in c("Bavaria", "Berlin")) {
  s <- salmNewport[, region]
  series[[length(series) + 1]] <- list(name = paste0("salmNewport_", region), freq = 52,
                                       dates = epoch(s), y = as.vector(observed(s)))
}
data(salmAllOnset)
series[[length(series) + 1]] <- list(name = "salmAllOnset", freq = 52,
                                     dates = epoch(salmAllOnset),
                                     y = as.vector(observed(salmAllOnset)))
data(ha.sts)
series[[length(series) + 1]] <- list(name = "ha_sts_total", freq = 52, dates = NULL,
                                     y = as.vector(rowSums(observed(ha.sts))))

# ---- runs ------------------------------------------------------------------------------------
as_sts <- function(s) {
  if (is.null(s$dates)) {
    sts(observed = matrix(s$y, ncol = 1), start = c(2000, 1), frequency = s$freq)
  } else {
    sts(observed = matrix(s$y, ncol = 1), epoch = as.Date(s$dates), frequency = s$freq,
        epochAsDate = TRUE)
  }
}
r10 <- function(x) signif(as.numeric(x), 8)

farrington_runs <- function(s) {
  n <- length(s$y)
  judged <- if (s$freq == 52) n_judged_weekly else n_judged_monthly
  range <- max(n - judged + 1, s$freq * 5 + 3 + 1):n  # R's default b = 5, w = 3
  noufaily <- if (s$freq == 52) list(noPeriods = 10, pastWeeksNotIncluded = 26)
              else list(noPeriods = 4, pastWeeksNotIncluded = 3)
  controls <- list(
    default = list(),
    nbPlugin = list(thresholdMethod = "nbPlugin"),
    muan = list(thresholdMethod = "muan"),
    noufaily = noufaily,
    noufaily_muan = c(noufaily, list(thresholdMethod = "muan")),
    no_trend = list(trend = FALSE),
    b3_w2_no_reweight = list(b = 3, w = 2, reweight = FALSE)
  )
  # the shorter histories `detect(method = "auto")` uses (b = whole years available, 1 to 4),
  # on a few series only to keep the fixtures small
  if (s$name %in% short_b_series) {
    controls <- c(controls, list(b1 = list(b = 1), b2 = list(b = 2), b3 = list(b = 3),
                                 b2_muan = list(b = 2, thresholdMethod = "muan")))
  }
  lapply(names(controls), function(label) {
    control <- c(controls[[label]], list(range = range))
    res <- suppressWarnings(farringtonFlexible(as_sts(s), control = control))
    list(method = "farringtonFlexible", label = label, control = controls[[label]],
         range = range, upperbound = r10(upperbound(res)), alarm = as.vector(res@alarm),
         expected = r10(res@control$expected))
  })
}

ears_runs <- function(s) {
  n <- length(s$y)
  range <- (n - n_judged_weekly + 1):n
  # C2_auto: the EARS call of `detect(method = "auto")` (alpha 0.05 / 5, minSigma 1)
  controls <- list(C1 = list(method = "C1"), C2 = list(method = "C2"), C3 = list(method = "C3"),
                   C2_auto = list(method = "C2", alpha = 0.01, minSigma = 1))
  lapply(names(controls), function(label) {
    res <- earsC(as_sts(s), control = c(controls[[label]], list(range = range)))
    list(method = "earsC", label = label, control = controls[[label]], range = range,
         upperbound = r10(upperbound(res)), alarm = as.vector(res@alarm))
  })
}

glrnb_runs <- function(s) {
  n <- length(s$y)
  range <- (n - n_judged_weekly + 1):n
  t <- seq_len(n)
  train <- seq_len(range[1] - 1)
  fit <- glm(y ~ cos(2 * pi * t / s$freq) + sin(2 * pi * t / s$freq),
             data = data.frame(y = s$y[train], t = train), family = poisson())
  mu0 <- as.numeric(predict(fit, newdata = data.frame(t = range), type = "response"))
  settings <- list(
    alpha02 = list(alpha = 0.2, c.ARL = 5),
    alpha05_carl3 = list(alpha = 0.5, c.ARL = 3),
    alpha02_window = list(alpha = 0.2, c.ARL = 5, M = 20)
  )
  lapply(names(settings), function(label) {
    control <- c(settings[[label]], list(range = range, mu0 = mu0, ret = "value"))
    res <- suppressMessages(algo.glrnb(sts2disProg(as_sts(s)), control = control))
    list(method = "algo.glrnb", label = label, control = settings[[label]], range = range,
         mu0 = r10(mu0), upperbound = r10(res$upperbound), alarm = as.vector(res$alarm) == 1)
  })
}

for (s in series) {
  runs <- farrington_runs(s)
  if (s$freq == 52) runs <- c(runs, ears_runs(s), glrnb_runs(s))
  doc <- list(name = s$name, frequency = s$freq,
              dates = if (is.null(s$dates)) NULL else format(as.Date(s$dates)),
              observed = as.integer(s$y), runs = runs,
              generated_with = paste("surveillance", packageVersion("surveillance")))
  path <- file.path(out_dir, paste0(s$name, ".json"))
  writeLines(toJSON(doc, auto_unbox = TRUE, null = "null", na = "null", digits = NA), path)
  cat("wrote", path, "\n")
}
