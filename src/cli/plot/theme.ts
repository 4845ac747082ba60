/** Sizes and greys shared by every panel, so panels drawn side by side look like one figure. */

/** Font sizes in px. */
export const font = { tick: 11, label: 12, title: 13, figureTitle: 15, note: 11 } as const

/** Greys for ink that should not compete with the data. */
export const ink = { axis: '#444', grid: '#e6e6e6', text: '#222', muted: '#777', frame: '#bbb' } as const

/** Length of tick marks and the gap between a tick and its label, in px. */
export const tick = { length: 4, gap: 3 } as const

/** Default panel size in px. */
export const panelSize = { width: 440, height: 320 } as const
