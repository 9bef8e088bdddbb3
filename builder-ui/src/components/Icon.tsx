import {
  Bell, Cake, CalendarClock, CircleStop, Clock, Flag, Gift, GitBranch, HeartHandshake, Hourglass, Mail, MailX, MessageSquare, Play, ShoppingCart, Sparkles, Split, Star, Target, TrendingUp, UserPen, Users, Webhook, Zap, type LucideIcon,
} from 'lucide-react';

// Icons are named in data (the action catalog, templates) with Lucide's kebab-case names;
// only the ones named here are bundled, and anything else falls back to `zap`.
const ICONS: Readonly<Record<string, LucideIcon>> = {
  bell: Bell, cake: Cake, 'calendar-clock': CalendarClock, 'circle-stop': CircleStop, clock: Clock, flag: Flag, gift: Gift,
  'git-branch': GitBranch, 'heart-handshake': HeartHandshake, hourglass: Hourglass, mail: Mail, 'mail-x': MailX,
  'message-square': MessageSquare, play: Play, 'shopping-cart': ShoppingCart, sparkles: Sparkles, split: Split, star: Star,
  target: Target, 'trending-up': TrendingUp, 'user-pen': UserPen, users: Users, webhook: Webhook, zap: Zap,
};

export function Icon({ name, size = 16 }: { name: string; size?: number }) {
  const Component = ICONS[name] ?? Zap;
  return <Component size={size} aria-hidden="true" focusable="false" />;
}
