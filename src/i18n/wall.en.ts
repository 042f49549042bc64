import type wallZh from './wall.zh-CN'

/** English texts of the wall's navigation and of the region, battle-plan and focus pages: same keys as wall.zh-CN.ts. */
const wallEn: typeof wallZh = {
  blackout: {
    label: 'Wall on standby',
  },
  tour: {
    label: 'Guided tour',
    progress: 'Step {n} of {of}',
  },
  banner: {
    label: 'Announcement',
    tag: 'NOTICE',
  },
  local: {
    mark: 'Local control on this wall',
    playlist: 'Local playlist on this wall',
    hint: 'Esc or the next command from the terminal returns',
  },
  progress: {
    label: 'Playlist progress',
  },
  nav: {
    unknownPage: 'The terminal asked for page "{page}", which this wall does not have; showing the national overview',
    unknownUnit: 'The terminal asked for unit "{unit}", which is unknown; showing the default unit',
  },
  battleplan: {
    nextDeadline: 'Next deadline',
    nextTitle: '{title} ({date})',
    countdownDays: ' d',
    noDeadline: 'No deadline ahead',
    summary: 'Campaign at a Glance',
    total: '{n} milestones',
    done: 'Done',
    tasks: 'Tasks in Hand',
    more: '{n} more',
    none: 'No open tasks',
    due: 'due {date}',
    daysLeft: '{n} days left',
    dueToday: 'due today',
    daysOver: '{n} days overdue',
    progress: 'Progress',
  },
  province: {
    profile: 'Profile',
    courts: 'Courts',
    courtsTotal: '{n} in all',
    high: 'High court',
    intermediate: 'Intermediate',
    basic: 'Basic',
    courtCount: '{n}',
    defaulted: 'No unit chosen: showing the one with the most cases received',
    corpsNote: 'The Corps is counted on its own; on the map it is shown beside Xinjiang',
    kpis: 'Enforcement Figures',
    rank: 'No. {n} nationally',
    share: '{p} of national',
    indicators: 'Core Indicators vs National',
    target: 'target {v}',
    national: 'national {v}',
    delta: '{d} vs national',
    points: '{v} pts',
    trend: 'Trend',
    window: 'last {span} · one sample every {interval} · {n} points',
    collecting: 'sampling · {n} points so far · one every {interval}',
    waitingTrend: 'Waiting for the first sample…',
    concluded: 'Cases concluded (year to date)',
    closureRate: 'Actual closure rate',
    closureTarget: 'target {v}',
  },
}

export default wallEn
