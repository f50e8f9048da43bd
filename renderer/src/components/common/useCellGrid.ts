import { nextTick, ref } from 'vue';

/**
 * A keyboard grid of `<input :data-row :data-col>` cells inside the element bound to `grid`: `focus` selects
 * the cell's value (so typing replaces it) once the DOM has caught up; a cell outside the grid is ignored.
 */
export function useCellGrid(size: () => { rows: number; cols: number }) {
  const grid = ref<HTMLElement | null>(null);

  async function focus(row: number, col: number) {
    const { rows, cols } = size();
    if (row < 0 || row >= rows || col < 0 || col >= cols) return;
    await nextTick();
    grid.value?.querySelector<HTMLInputElement>(`input[data-row="${row}"][data-col="${col}"]`)?.select();
  }

  return { grid, focus };
}
