/** The guide's practice routine: stories, the story × question matrix, told vs written, panels, the week plan. */
export * from './kinds.ts';
export * from './types.ts';
export * from './inventory.ts';
export * from './matrix.ts';
export * from './figures.ts';
export * from './telling.ts';
export * from './panel.ts';
export * from './plan.ts';
