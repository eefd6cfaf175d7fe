import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { BarChart, type Bar } from './bar-chart';

const bars: Bar[] = [
  { key: '2019', label: '2019', name: '2019', value: 4, href: '/s?year=2019' },
  { key: '2020', label: '2020', name: '2020', value: 0, href: '/s?year=2020' },
  { key: '2021', label: '2021', name: '2021', value: 12, href: '/s?year=2021', current: true },
  { key: '2022', label: '2022', name: '2022', value: 1 },
];

const items = (n: number) => `${n} ${n === 1 ? 'item' : 'items'}`;

function renderChart(onActivate = vi.fn()) {
  render(<BarChart label="Per year" bars={bars} formatValue={items} onActivate={onActivate} />);
  return onActivate;
}

describe('BarChart', () => {
  it('names every bar with its number; only bars with a value and a target are links', () => {
    renderChart();
    const chart = screen.getByRole('group', { name: 'Per year' });
    expect(chart).toBeDefined();
    const links = screen.getAllByRole('link');
    expect(links.map((l) => l.getAttribute('aria-label'))).toEqual([
      '2019: 4 items',
      '2021: 12 items',
    ]);
    expect(screen.getByRole('img', { name: '2020: 0 items' })).toBeDefined();
    expect(screen.getByRole('img', { name: '2022: 1 item' })).toBeDefined();
    expect(screen.getByRole('link', { name: '2021: 12 items' }).getAttribute('aria-current')).toBe(
      'true',
    );
    expect(screen.getByRole('link', { name: '2019: 4 items' }).getAttribute('href')).toBe(
      '/s?year=2019',
    );
  });

  it('scales bars to the tallest, and keeps a small value visible', () => {
    const { container } = render(
      <BarChart
        label="Scale"
        bars={[
          { key: 'a', label: 'a', name: 'a', value: 1000 },
          { key: 'b', label: 'b', name: 'b', value: 1 },
          { key: 'c', label: 'c', name: 'c', value: 0 },
        ]}
        formatValue={items}
        onActivate={() => {}}
      />,
    );
    const heights = [...container.querySelectorAll('rect:not([fill="transparent"])')].map((r) =>
      Number(r.getAttribute('height')),
    );
    // Two drawn bars (nothing for zero): the tallest fills the plot, the tiny one is still seen.
    expect(heights).toHaveLength(2);
    expect(heights[0]).toBeGreaterThan(100);
    expect(heights[1]).toBeGreaterThanOrEqual(3);
    expect(heights[1]).toBeLessThan(heights[0] ?? 0);
  });

  it('shows the exact number on focus and on hover', () => {
    const { container } = render(
      <BarChart label="Per year" bars={bars} formatValue={items} onActivate={() => {}} />,
    );
    const tooltip = () => container.querySelector('[aria-hidden="true"][style]');
    expect(tooltip()).toBeNull();
    fireEvent.focus(screen.getByRole('link', { name: '2021: 12 items' }));
    expect(tooltip()?.textContent).toBe('2021 · 12 items');
    fireEvent.blur(screen.getByRole('link', { name: '2021: 12 items' }));
    expect(tooltip()).toBeNull();
    fireEvent.mouseEnter(screen.getByRole('img', { name: '2020: 0 items' }));
    expect(tooltip()?.textContent).toBe('2020 · 0 items');
  });

  it('follows a plain click in the app, and leaves modified clicks to the browser', () => {
    const onActivate = renderChart();
    const link = screen.getByRole('link', { name: '2019: 4 items' });
    const plain = fireEvent.click(link);
    expect(plain).toBe(false); // default prevented
    expect(onActivate).toHaveBeenCalledWith(bars[0]);
    onActivate.mockClear();
    const newTab = fireEvent.click(link, { ctrlKey: true });
    expect(newTab).toBe(true);
    expect(onActivate).not.toHaveBeenCalled();
  });
});
