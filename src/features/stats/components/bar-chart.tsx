import { useState, type MouseEvent } from 'react';
import styles from './bar-chart.module.css';

export interface Bar {
  key: string;
  /** The short label under the bar ('Mar', '2021'). */
  label: string;
  /** The full name ('March 2021'): with the value, the bar's accessible name and tooltip. */
  name: string;
  value: number;
  /** Where the bar leads. Only bars with a value and an href are links (and focusable). */
  href?: string;
  /** The bar stands for what is shown now (the selected year). */
  current?: boolean;
}

export interface BarChartProps {
  /** The chart's accessible name. */
  label: string;
  /** An element id whose text explains what the bars do. */
  describedBy?: string;
  bars: readonly Bar[];
  /** '3 items': the value as read in names and tooltips. */
  formatValue: (value: number) => string;
  /** A bar link was followed (plain click or Enter): navigate in the app. */
  onActivate: (bar: Bar) => void;
  /** At least this many slots wide, so a few bars do not become slabs. */
  minSlots?: number;
  /** Most labels under the axis before only some are shown. */
  maxLabels?: number;
}

const HEIGHT = 200;
const PLOT_TOP = 18;
const PLOT_BOTTOM = 176;
const PLOT_HEIGHT = PLOT_BOTTOM - PLOT_TOP;
/** A bar with a value is never thinner than this, however small next to the tallest. */
const MIN_BAR = 3;

const pct = (n: number) => `${n}%`;

/**
 * A small SVG bar chart. Horizontal positions are percentages of the width (no viewBox), so
 * text is never stretched; every bar with a value and a target is an SVG link named
 * "<name>: <value>" that shows its exact number on hover and focus.
 */
export function BarChart({
  label,
  describedBy,
  bars,
  formatValue,
  onActivate,
  minSlots = 12,
  maxLabels = 12,
}: BarChartProps) {
  const [active, setActive] = useState<string | null>(null);
  const max = Math.max(0, ...bars.map((b) => b.value));
  const slots = Math.max(bars.length, minSlots);
  const offset = (slots - bars.length) / 2;
  const slot = 100 / slots;
  const labelEvery = Math.max(1, Math.ceil(bars.length / maxLabels));
  const activeIndex = bars.findIndex((b) => b.key === active);
  const activeBar = bars[activeIndex];
  const activeCentre = (offset + activeIndex + 0.5) / slots;
  /** Top of a bar in px (the axis for an empty bar). */
  const barTop = (value: number) =>
    PLOT_BOTTOM - (value > 0 && max > 0 ? Math.max(MIN_BAR, (value / max) * PLOT_HEIGHT) : 0);

  const follow = (event: MouseEvent<Element>, bar: Bar) => {
    // Let the browser handle new tabs and windows.
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    onActivate(bar);
  };

  return (
    <div className={styles.chart}>
      <svg
        className={styles.svg}
        width="100%"
        height={HEIGHT}
        role="group"
        aria-label={label}
        aria-describedby={describedBy}
      >
        {max > 0 && (
          <g aria-hidden="true">
            <line className={styles.grid} x1="0" x2="100%" y1={PLOT_TOP} y2={PLOT_TOP} />
            <text className={styles.max} x="100%" y={PLOT_TOP - 6} textAnchor="end">
              {formatValue(max)}
            </text>
          </g>
        )}
        <line
          className={styles.axis}
          x1="0"
          x2="100%"
          y1={PLOT_BOTTOM}
          y2={PLOT_BOTTOM}
          aria-hidden="true"
        />
        {bars.map((bar, i) => {
          const x = (offset + i) * slot;
          const h = PLOT_BOTTOM - barTop(bar.value);
          const showLabel = (bars.length - 1 - i) % labelEvery === 0;
          const hover = {
            onMouseEnter: () => setActive(bar.key),
            onMouseLeave: () => setActive((a) => (a === bar.key ? null : a)),
          };
          const shapes = (
            <>
              <rect
                className={styles.hit}
                x={pct(x)}
                width={pct(slot)}
                y={0}
                height={PLOT_BOTTOM}
                fill="transparent"
              />
              {h > 0 && (
                <rect
                  className={styles.bar}
                  x={pct(x + slot * 0.15)}
                  width={pct(slot * 0.7)}
                  y={PLOT_BOTTOM - h}
                  height={h}
                  rx={2}
                />
              )}
              {showLabel && (
                <text
                  className={styles.label}
                  x={pct(x + slot / 2)}
                  y={HEIGHT - 6}
                  textAnchor="middle"
                  aria-hidden="true"
                >
                  {bar.label}
                </text>
              )}
            </>
          );
          const name = `${bar.name}: ${formatValue(bar.value)}`;
          if (bar.href && bar.value > 0) {
            return (
              <a
                key={bar.key}
                href={bar.href}
                className={styles.link}
                data-current={bar.current || undefined}
                aria-label={name}
                aria-current={bar.current ? 'true' : undefined}
                onClick={(event) => follow(event, bar)}
                onFocus={() => setActive(bar.key)}
                onBlur={() => setActive((a) => (a === bar.key ? null : a))}
                {...hover}
              >
                {shapes}
              </a>
            );
          }
          return (
            <g key={bar.key} className={styles.still} aria-label={name} role="img" {...hover}>
              {shapes}
            </g>
          );
        })}
      </svg>
      {activeBar && (
        // The bar's accessible name already says this: the tooltip is for the eyes.
        <div
          className={styles.tooltip}
          aria-hidden="true"
          style={{ left: pct(activeCentre * 100), top: barTop(activeBar.value) - 6 }}
          data-edge={activeCentre < 0.15 ? 'start' : activeCentre > 0.85 ? 'end' : undefined}
        >
          <span className={styles.tooltipName}>{activeBar.name}</span>
          {' · '}
          <span className={styles.tooltipValue}>{formatValue(activeBar.value)}</span>
        </div>
      )}
    </div>
  );
}
